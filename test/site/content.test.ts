import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlFiles, readDocument } from '../../scripts/lib/site-files';
import { conv2d, flipKernel } from '../../src/compute';
import { keepShortSumsTogether } from '../../src/markdown/heading-sums';

const pages = htmlFiles('dist').map((file) => ({ file, document: readDocument('dist', file) }));

describe('math in the built pages', () => {
  it.each(pages)('$file: every formula rendered, with MathML for screen readers', ({ document }) => {
    expect(document.querySelectorAll('.katex-error').length).toBe(0);
    for (const formula of document.querySelectorAll('.katex')) {
      expect(formula.querySelector('math')).not.toBeNull();
    }
  });

  it('display math is keyboard-reachable, so a wide formula can be scrolled without a mouse', () => {
    const displays = pages.flatMap(({ document }) => [...document.querySelectorAll('.katex-display')]);
    expect(displays.length).toBeGreaterThan(0);
    for (const display of displays) expect(display.getAttribute('tabindex')).toBe('0');
  });

  // A fetch the first frame waits for held it under Lighthouse, 1 or 2 s at a time (DEVELOPERS.md, "Lighthouse").
  it.each(pages)('$file: its CSS is in the page (no stylesheet to fetch before the first frame) and it preloads no font', ({ document }) => {
    expect(document.querySelectorAll('link[rel="stylesheet"]')).toHaveLength(0);
    expect([...document.querySelectorAll('link[rel="preload"]')].map((link) => link.outerHTML)).toEqual([]);
    expect([...document.querySelectorAll('head style')].map((style) => style.textContent).join('')).toContain('@font-face');
  });
});

describe('code listings are cut from the tested source', () => {
  const listings = pages.flatMap(({ file, document }) =>
    [...document.querySelectorAll('figure.code-source')].map((figure) => ({ file, figure })),
  );

  it('the site has listings', () => {
    expect(listings.length).toBeGreaterThan(0);
  });

  it.each(listings)('$file: listing of an export is that export, verbatim, at the lines its caption gives', ({ figure }) => {
    const name = figure.getAttribute('data-source-export')!;
    const sourcePath = figure.getAttribute('data-source-path')!;
    const shown = figure.querySelector('pre')!.textContent!;
    const source = readFileSync(sourcePath, 'utf8');
    // Independent of the extractor: the caption's line range, read straight from the file, is the listing.
    const [, first, last] = /lines (\d+)–(\d+)/.exec(figure.querySelector('figcaption')!.textContent!)!;
    const lines = source.split('\n').slice(Number(first) - 1, Number(last)).join('\n');
    expect(lines.trim()).toBe(shown.trim());
    expect(shown).toMatch(new RegExp(`export (async )?(function|const|class|interface|type) ${name}\\b`));
    // And it is the whole declaration: it ends where the next top-level statement (or the file) begins.
    const after = source.split('\n').slice(Number(last)).find((line) => line.trim() !== '');
    if (after !== undefined) expect(after).toMatch(/^(\/\*\*|\/\/|export|function|const|import|type|interface)/);
  });
});

describe('search index configuration', () => {
  it('indexes chapters but not KaTeX duplicates or the 404 page', () => {
    const notFound = pages.find(({ file }) => file === '404.html')!;
    expect(notFound.document.querySelector('[data-pagefind-body]')).toBeNull();
    const chapters = pages.filter(({ document }) => document.querySelector('.chapter-number'));
    expect(chapters.length).toBeGreaterThan(0);
    for (const { document } of chapters) expect(document.querySelector('main[data-pagefind-body]')).not.toBeNull();
  });
});

describe("the convolution chapter's worked example is what conv2d computes", () => {
  const { document } = pages.find(({ file }) => file === 'convolution/index.html')!;
  /** Every pmatrix in the TeX of the section's formulas, in reading order, as rows of numbers. */
  function sectionMatrices(headingId: string): number[][][] {
    const heading = document.getElementById(headingId)!.closest('h2')!;
    const tex: string[] = [];
    for (let node = heading.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling) {
      for (const annotation of node.querySelectorAll('annotation')) tex.push(annotation.textContent!);
    }
    return [...tex.join(' ').matchAll(/\\begin\{pmatrix\}([\s\S]*?)\\end\{pmatrix\}/g)].map(([, body]) =>
      body!.split('\\\\').map((row) => row.split('&').map((entry) => Number(entry.trim()))),
    );
  }
  const asTensor = (m: number[][], leading: number[]) => ({ shape: [...leading, m.length, m[0]!.length], data: Float64Array.from(m.flat()) });
  const asRows = (data: ArrayLike<number>, cols: number) => Array.from({ length: data.length / cols }, (_, r) => Array.from(data).slice(r * cols, (r + 1) * cols));

  it('input and kernel, the map, the stride-2 padded map, the flipped kernel and true convolution', () => {
    const [x, w, map, strided, flipped, convolved] = sectionMatrices('a-worked-example');
    expect(convolved).toBeDefined();
    const input = asTensor(x!, [1]);
    const weight = asTensor(w!, [1, 1]);
    expect(asRows(conv2d(input, weight).data, 3)).toEqual(map);
    expect(asRows(conv2d(input, weight, null, { stride: 2, padding: 1 }).data, 3)).toEqual(strided);
    expect(asRows(flipKernel(weight).data, 3)).toEqual(flipped);
    expect(asRows(conv2d(input, flipKernel(weight)).data, 3)).toEqual(convolved);
  });
});

describe('every chapter ends with exercises', () => {
  const chapterFiles = readdirSync('content').filter((f) => f.endsWith('.mdx')).map((f) => `${f.replace(/\.mdx$/, '')}/index.html`);

  it.each(chapterFiles)('%s: 2 to 4 exercises, at least one of them code, each with a solution', (file) => {
    const document = readDocument('dist', file);
    const exercises = [...document.querySelectorAll('notebook-exercise')];
    expect(exercises.length).toBeGreaterThanOrEqual(2);
    expect(exercises.length).toBeLessThanOrEqual(4);
    expect(exercises.some((e) => e.querySelector('code-cell[data-exercise]'))).toBe(true);
    for (const exercise of exercises) expect(exercise.querySelector('details summary')?.textContent).toMatch(/solution|hint/i);
    // Exercises come after the chapter's teaching: nothing but references follows them.
    const headings = [...document.querySelectorAll('article h2')].map((h) => h.textContent?.replace(/#.*$/, '').trim());
    expect(headings.slice(headings.indexOf('Exercises') + 1).every((h) => h === 'References')).toBe(true);
  });

  it('found every chapter', () => {
    expect(chapterFiles.length).toBe(8);
  });
});

describe('references', () => {
  const chapters = readdirSync('content').filter((f) => f.endsWith('.mdx'));

  it.each(chapters)('%s: ends with its references, and every author listed is cited in the text', (file) => {
    const text = readFileSync(`content/${file}`, 'utf8');
    const at = text.lastIndexOf('\n## References\n');
    expect(at).toBeGreaterThan(0);
    expect(text.slice(at + 1).match(/^## /gm)).toHaveLength(1); // nothing after it
    const body = text.slice(0, at);
    const entries = text.slice(at).split('\n- ').slice(1);
    expect(entries.some((e) => e.includes('神经网络基本概念和知识'))).toBe(true);
    for (const entry of entries.filter((e) => /^[A-Z]\.(?:-[A-Z]\.)? /.test(e))) {
      // "A. B. Surname, …": the first author's surname.
      const surname = /^(?:[A-Z]\.(?:-[A-Z]\.)?\s)+([A-Z][\p{L}'-]+)/u.exec(entry)?.[1];
      expect(surname, entry.slice(0, 60)).toBeTruthy();
      expect(body, `${file}: ${surname} is listed but not cited`).toContain(surname!);
    }
  });

  it('the works the site rests on are all there', () => {
    const all = chapters.map((f) => readFileSync(`content/${f}`, 'utf8')).join('\n');
    for (const name of ['Girshick', 'Araujo', 'Luo', 'Shannon', 'Huffman', 'Cover', 'Dumoulin', 'Polyak', 'Nesterov', 'Duchi', 'Tieleman', 'Kingma', 'Loshchilov']) {
      expect(all).toMatch(new RegExp(`## References[\\s\\S]*- [^\\n]*${name}`));
    }
  });
});

describe('languages', () => {
  it.each(pages)('$file: every Chinese character sits in an element marked lang="zh-Hans"', ({ document }) => {
    const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
    const unmarked: string[] = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!/[\u3400-\u9fff]/.test(node.textContent ?? '')) continue;
      if (!node.parentElement?.closest('[lang^="zh"]')) unmarked.push((node.textContent ?? '').trim().slice(0, 30));
    }
    expect(unmarked).toEqual([]);
  });
});

describe('words before formulas', () => {
  /** Whether a formula is read aloud starting with a vowel sound ("an n-fold", "an ℓ", "an 8", but "a C", "a σ"). */
  function startsWithVowelSound(tex: string): boolean {
    const bare = tex.trim().replace(/^(\\(mathrm|text|mathbf|operatorname|left)\b|[{(\[|])+/g, '');
    const command = /^\\([a-zA-Z]+)/.exec(bare)?.[1];
    if (command) return ['alpha', 'epsilon', 'varepsilon', 'eta', 'ell', 'iota', 'omega', 'omicron', 'upsilon', 'infty'].includes(command);
    if (/^[0-9]/.test(bare)) return /^(8|11|18)(?![0-9])|^8[0-9]/.test(bare);
    return /^[AEFHILMNORSXaefhilmnorsx]/.test(bare); // letter names: "ay", "ee", "ef", "aitch", "el", "em", …
  }

  it('the rule reads letters, Greek and numbers as they are said', () => {
    expect(['C \\times H', '\\sigma', 'k', '1', '3 \\times 3', '\\lambda'].map(startsWithVowelSound)).toEqual([false, false, false, false, false, false]);
    expect(['n', 'O \\times C', '\\ell_1', '8', '11 \\times 11', 'x', '\\mathrm{L}'].map(startsWithVowelSound)).toEqual([true, true, true, true, true, true, true]);
  });

  it.each(pages)('$file: "a" or "an" as the formula after it is said', ({ document }) => {
    const wrong: string[] = [];
    for (const formula of document.querySelectorAll('.katex')) {
      if (formula.closest('.katex-display')) continue;
      const before = formula.previousSibling?.nodeType === 3 ? formula.previousSibling.textContent! : '';
      const article = /\b(an?)\s+$/i.exec(before)?.[1]?.toLowerCase();
      const tex = formula.querySelector('annotation')?.textContent ?? '';
      if (article && (article === 'an') !== startsWithVowelSound(tex)) wrong.push(`${article} ${tex.slice(0, 30)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('headings and the table of contents', () => {
  const entries = pages.flatMap(({ file, document }) =>
    [...document.querySelectorAll('.toc a, main :is(h2, h3, h4)')].map((element) => ({ file, text: element.textContent ?? '' })),
  );

  it('keep every short sum ("s − y") on one line', () => {
    expect(entries.filter(({ text }) => keepShortSumsTogether(text) !== text)).toEqual([]);
    // Not vacuous: the backpropagation chapter has one, in its heading and its table of contents.
    expect(entries.filter(({ file, text }) => file.startsWith('backpropagation') && text.includes('s\u00a0−\u00a0y'))).toHaveLength(2);
  });
});

describe('typography', () => {
  // The prose gets curly apostrophes from the Markdown pipeline; widgets' and the shell's own text is written with them.
  it.each(pages)('$file: no straight apostrophe in a word outside code', ({ document }) => {
    const straight: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === 1 && ['PRE', 'CODE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'TEMPLATE'].includes((node as Element).tagName)) return;
      if (node.nodeType === 1 && (node as Element).classList.contains('katex')) return;
      // A run of neighbouring text nodes read as one: the parser ends a text node at an entity ("classifier&#39;s"
      // is three nodes), so node by node the apostrophe stood alone and passed.
      let run = '';
      for (const child of [...node.childNodes, null]) {
        if (child?.nodeType === 3) {
          run += child.textContent ?? '';
          continue;
        }
        if (/[A-Za-z]'[a-z]/.test(run)) straight.push(run.trim().slice(0, 60));
        run = '';
        if (child) walk(child);
      }
    };
    walk(document.body);
    expect(straight).toEqual([]);
  });
});
