import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlFiles, inlineStylesheets, readDocument } from '../../scripts/lib/site-files';
import { measurePage } from '../../scripts/lib/page-weight';
import { fontFaceRules } from '../../scripts/lib/katex-fallback';

/** JS loaded up front on any page, gzip. */
const PAGE_JS_BUDGET = 25 * 1024;
/** A page without widgets runs only the shell: the inline theme script and the shell module. */
const SHELL_JS_BUDGET = 3 * 1024;
/** Stylesheets per page, gzip (KaTeX's is about 6 kB of it). */
const PAGE_CSS_BUDGET = 25 * 1024;

describe('size budgets per page (dist/)', () => {
  const pages = htmlFiles('dist');

  it.each(pages)('%s stays within its JS and CSS budgets', (file) => {
    const weight = measurePage('dist', file);
    const hasWidgets = readDocument('dist', file).querySelector('[data-widget]') !== null;
    const jsBudget = hasWidgets ? PAGE_JS_BUDGET : SHELL_JS_BUDGET;
    expect(weight.jsGzip, `JS up front: ${weight.jsFiles.join(', ')}`).toBeLessThanOrEqual(jsBudget);
    expect(weight.cssGzip).toBeLessThanOrEqual(PAGE_CSS_BUDGET);
  });

  it('counts the shell script, so the budget check is not vacuous', () => {
    const home = measurePage('dist', 'index.html');
    expect(home.jsFiles.length).toBeGreaterThan(0);
    expect(home.jsGzip).toBeGreaterThan(500);
  });
});

describe('work after the first paint', () => {
  const pages = htmlFiles('dist');

  // Chrome checks every form control once a page has loaded, and lays out for it each one inside a closed <details>
  // or a block skipped by content-visibility, one at a time: with a textarea per code cell that was a task of about
  // 14 layouts on the gradient-descent chapter. Cells serve their code in a <pre> (components/cells/CodeCell.astro).
  it.each(pages)('%s serves its code cells without a textarea', (file) => {
    const document = readDocument('dist', file);
    const cells = [...document.querySelectorAll('code-cell')];
    expect(cells.filter((cell) => cell.querySelector('textarea') !== null).map((cell) => cell.getAttribute('data-cell'))).toEqual([]);
    expect(cells.every((cell) => cell.querySelector('pre[data-cell-part="code"]') !== null)).toBe(true);
  });

  // With KaTeX's own `block`, each math font laid the page out again as it arrived (src/integrations/font-display.ts).
  it.each(pages)("%s downloads fonts only with font-display: optional (no second layout as each arrives)", (file) => {
    const document = readDocument('dist', file);
    const faces = inlineStylesheets(document).flatMap(fontFaceRules);
    const downloaded = faces.filter((face) => /url\(/.test(face));
    // Every page with a formula has KaTeX's twenty faces, so the check below is not vacuous there.
    if (document.querySelector('.katex')) expect(downloaded.length).toBeGreaterThanOrEqual(20);
    expect(downloaded.filter((face) => !/font-display:\s*optional\s*[;}]/.test(face) || /font-display:(?!\s*optional)/.test(face))).toEqual([]);
  });
});

describe('nothing ships that no reader loads', () => {
  it("only woff2 fonts (every supported browser reads them; KaTeX's woff and ttf copies are dropped)", () => {
    const fonts = readdirSync('dist/_astro').filter((name) => /\.(woff2?|ttf|otf|eot)$/.test(name));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((name) => !name.endsWith('.woff2'))).toEqual([]);
  });

  it("Pagefind's search runtime and index, without its prebuilt UIs (the site draws results itself)", () => {
    const files = readdirSync('dist/pagefind');
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json']));
    expect(files.filter((name) => /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(name))).toEqual([]);
  });
});

describe('highlighted code (dist/)', () => {
  const pages = htmlFiles('dist');
  const cssFiles = readdirSync('dist/_astro').filter((name) => name.endsWith('.css')).map((name) => readFileSync(`dist/_astro/${name}`, 'utf8'));

  // src/markdown/token-classes.ts: Shiki's inline style per token was nearly a quarter of the largest chapter's HTML.
  it.each(pages)('%s: tokens and lines carry classes, not inline styles, and every class has its rule', (file) => {
    const document = readDocument('dist', file);
    // The page's own stylesheets are written into its head (astro.config.mjs); any emitted as files count too.
    const css = [...cssFiles, ...inlineStylesheets(document)].join('\n');
    const spans = [...document.querySelectorAll('.astro-code span')];
    expect(spans.filter((span) => /--shiki|--indent/.test(span.getAttribute('style') ?? '')).map((span) => span.outerHTML.slice(0, 80))).toEqual([]);
    const classes = new Set(spans.flatMap((span) => [...span.classList].filter((name) => /^[ldi]-/.test(name))));
    expect([...classes].filter((name) => !css.includes(`.astro-code .${name}{`))).toEqual([]);
  });

  it('the chapters do have classed tokens (so the check above is not vacuous)', () => {
    const document = readDocument('dist', 'gradient-descent/index.html');
    expect(document.querySelectorAll('.astro-code span.l-0e1116.d-f0f3f6').length).toBeGreaterThan(100);
    expect(document.querySelectorAll('.astro-code .line.i-2').length).toBeGreaterThan(10);
  });
});

describe('what the first paint waits for (dist/)', () => {
  const pages = htmlFiles('dist');

  it.each(pages)('%s: one low-priority module script, the loader, listing files that exist', (file) => {
    const document = readDocument('dist', file);
    const modules = [...document.querySelectorAll('script[type="module"]')];
    expect(modules).toHaveLength(1);
    const loader = modules[0]!;
    expect(loader.getAttribute('src')).toMatch(/^\/_astro\/load-after-paint\.[0-9a-f]{8}\.js$/);
    expect(loader.getAttribute('fetchpriority')).toBe('low');
    const listed = loader.getAttribute('data-load')!.split(' ');
    expect(listed.length).toBeGreaterThan(0);
    for (const url of [loader.getAttribute('src')!, ...listed]) expect(existsSync(`dist${url}`), url).toBe(true);
  });
});
