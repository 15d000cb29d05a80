import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlFiles, readDocument } from '../../scripts/lib/site-files';

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
