import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { compile } from '@mdx-js/mdx';
import { parseHTML } from 'linkedom';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { rehypeKatexStrict } from '../../src/markdown/rehype-katex-strict';
import { MATH_END_CLASS, MATH_OPEN_CLASS, rehypeMathPunctuation } from '../../src/markdown/math-punctuation';

const plugins = { remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatexStrict, rehypeMathPunctuation] };
const processor = await createMarkdownProcessor({ ...plugins, syntaxHighlight: false });

/**
 * Each formula of a paragraph, as the tree around its boxes reads: its TeX, how many boxes KaTeX made, which of them
 * sit in the nowrap span (by position), and the text right after the formula.
 */
async function formulas(markdown: string) {
  const { document } = parseHTML(`<div>${(await processor.render(markdown)).code}</div>`);
  return [...document.querySelectorAll('.katex')].map((formula) => {
    const html = formula.querySelector('.katex-html')!;
    const boxes = [...html.querySelectorAll('.base')];
    return {
      tex: formula.querySelector('annotation')!.textContent,
      boxes: boxes.length,
      held: boxes.flatMap((box, i) => (box.parentElement!.classList.contains(MATH_END_CLASS) ? [i] : [])),
      endIsLast: html.lastElementChild?.classList.contains(MATH_END_CLASS) ?? false,
      after: formula.nextSibling?.textContent ?? '',
    };
  });
}

describe('rehypeMathPunctuation', () => {
  it('holds the last box of a formula followed by a full stop; the text after it is untouched', async () => {
    expect(await formulas('The truth is $(1, 0, 0)$. How wrong is it?')).toEqual([
      { tex: '(1, 0, 0)', boxes: 1, held: [0], endIsLast: true, after: '. How wrong is it?' },
    ]);
  });

  it('holds only the last box of a formula KaTeX may break, so it can still break inside', async () => {
    const [sum] = await formulas('So $a + b + c + d$, and more.');
    expect(sum!.boxes).toBeGreaterThan(2);
    expect(sum!.held).toEqual([sum!.boxes - 1]);
    expect(sum!.endIsLast).toBe(true);
  });

  it('takes every formula followed by closing punctuation, and none followed by a space or a word', async () => {
    const found = await formulas('Pick $a$, then ($b$); then $c$ and $d$s and $e$.');
    expect(found.map(({ tex, held }) => [tex, held.length])).toEqual([['a', 1], ['b', 1], ['c', 0], ['d', 0], ['e', 1]]);
  });

  it('puts an opening bracket and the formula after it in one span, leaving the text before and the rest alone', async () => {
    const { document } = parseHTML(`<div>${(await processor.render('Flatten in order ($C, H, W$), then [$x$] and ($y$.')).code}</div>`);
    const opened = [...document.querySelectorAll(`.${MATH_OPEN_CLASS}`)];
    expect(opened.map((span) => [span.firstChild!.textContent, span.childNodes.length, span.lastElementChild!.className])).toEqual([
      ['(', 2, 'katex'],
      ['[', 2, 'katex'],
      ['(', 2, 'katex'],
    ]);
    expect(opened[0]!.previousSibling!.textContent).toBe('Flatten in order ');
    expect(opened[0]!.nextSibling!.textContent).toBe('), then ');
    // The closing bracket after the first formula still holds its last box; each formula is wrapped once.
    expect(opened[0]!.querySelector(`.${MATH_END_CLASS}`)).not.toBeNull();
    expect(document.querySelectorAll(`.${MATH_OPEN_CLASS} .${MATH_OPEN_CLASS}`)).toHaveLength(0);
  });

  it('wraps a formula that opens its parent after a bracket alone, and none after a space or a word', async () => {
    const { document } = parseHTML(`<div>${(await processor.render('($a$ and $b$) or ($c$)')).code}</div>`);
    expect([...document.querySelectorAll(`.${MATH_OPEN_CLASS}`)].map((span) => span.querySelector('annotation')!.textContent)).toEqual(['a', 'c']);
    expect(document.querySelector('p')!.firstElementChild!.className).toBe(MATH_OPEN_CLASS);
  });

  it('leaves display math alone', async () => {
    expect((await formulas('$$\nx = 1.\n$$\n')).map(({ held }) => held)).toEqual([[]]);
  });

  it('also inside an MDX component, whose text is not in a paragraph (an exercise hint)', async () => {
    const jsx = String(await compile('<Hint>Keep $r$, then $j$.</Hint>\n', plugins));
    expect(jsx.split(`"${MATH_END_CLASS}"`).length - 1).toBe(2);
  });
});
