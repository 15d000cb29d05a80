import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { rehypeKatexStrict } from '../../src/markdown/rehype-katex-strict';
import { LONGEST_UNBROKEN_TEX, rehypeMathPunctuation } from '../../src/markdown/math-punctuation';

const processor = await createMarkdownProcessor({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatexStrict, rehypeMathPunctuation], syntaxHighlight: false });

/** A paragraph's HTML with each formula's markup replaced by its TeX in brackets, so that the wrapping can be read. */
async function render(text: string): Promise<string> {
  let html = (await processor.render(text)).code;
  for (let start = html.indexOf('<span class="katex">'); start >= 0; start = html.indexOf('<span class="katex">')) {
    // The formula ends where its outer span closes: count the spans opened and closed inside it.
    let depth = 0;
    let at = start;
    do {
      const [open, close] = [html.indexOf('<span', at + 1), html.indexOf('</span>', at + 1)];
      if (open >= 0 && open < close) (depth++, (at = open));
      else (depth--, (at = close));
    } while (depth >= 0);
    const tex = /<annotation encoding="application\/x-tex">(.*?)<\/annotation>/s.exec(html.slice(start, at))?.[1];
    html = html.slice(0, start) + `[${tex}]` + html.slice(at + '</span>'.length);
  }
  return html;
}

describe('rehypeMathPunctuation', () => {
  it('keeps a formula with the full stop after it, and leaves the rest of the sentence outside', async () => {
    const html = await render('The truth is $(1, 0, 0)$. How wrong is it?');
    expect(html).toBe('<p>The truth is <span class="math-punct">[(1, 0, 0)].</span> How wrong is it?</p>');
  });

  it('takes a run of closing punctuation, for every formula of a paragraph', async () => {
    const html = await render('Pick $a$, then ($b$); then $c$.');
    expect(html).toBe('<p>Pick <span class="math-punct">[a],</span> then (<span class="math-punct">[b]);</span> then <span class="math-punct">[c].</span></p>');
  });

  it('leaves alone a formula too long to keep whole, which may break inside itself', async () => {
    const tex = 'a + b + c + d + e + f + g + h + i + j + k + l';
    expect(tex.length).toBeGreaterThan(LONGEST_UNBROKEN_TEX);
    expect(await render(`So $${tex}$.`)).toBe(`<p>So [${tex}].</p>`);
    expect(await render(`So $${tex.slice(0, LONGEST_UNBROKEN_TEX)}$.`)).toContain('math-punct');
  });

  it('leaves alone a formula followed by a space or a word, and display math', async () => {
    const html = await render('Here $a$ and $b$s are\n\n$$\nx = 1.\n$$\n');
    expect(html).toMatch(/^<p>Here \[a\] and \[b\]s are<\/p>/);
    expect(html).not.toContain('math-punct');
  });
});
