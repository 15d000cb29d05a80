import { readFileSync } from 'node:fs';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { matchFace, mathFontsOf, readFontRules, withFontPreloads } from '../../src/integrations/math-fonts';
import { deferModuleScripts } from '../../src/integrations/after-first-paint';

const face = (name: string, weight: number, style: 'normal' | 'italic') =>
  `@font-face{font-family:${name};font-weight:${weight};font-style:${style};src:url(/f/${name}-${weight}-${style}.woff2) format("woff2")}`;
const SMALL_CSS = [
  face('KaTeX_Main', 400, 'normal'),
  face('KaTeX_Main', 700, 'normal'),
  face('KaTeX_Main', 400, 'italic'),
  face('KaTeX_Math', 400, 'italic'),
  face('KaTeX_Size1', 400, 'normal'),
  '.katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif}',
  '.katex .mathnormal{font-family:KaTeX_Math;font-style:italic}',
  '.katex .mathbf{font-family:KaTeX_Main;font-weight:700}',
  '.katex .delimsizing.size1{font-family:KaTeX_Size1}',
  'h2{font-weight:700} em{font-style:italic}',
  '@media print{.katex{font-family:KaTeX_Size1}}',
].join('\n');
const math = (inner: string) => `<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span><span class="katex-html">${inner}</span></span>`;
const page = (body: string) => `<!doctype html><html><head><link rel="stylesheet" href="/a.css"></head><body>${body}</body></html>`;

describe('the math fonts a built page uses', () => {
  const fonts = readFontRules([SMALL_CSS]);

  it('reads every @font-face and the rules that set a font (print rules left out)', () => {
    expect(fonts.faces.map((f) => `${f.family} ${f.weight} ${f.style} ${f.url}`)).toEqual([
      'KaTeX_Main 400 normal /f/KaTeX_Main-400-normal.woff2',
      'KaTeX_Main 700 normal /f/KaTeX_Main-700-normal.woff2',
      'KaTeX_Main 400 italic /f/KaTeX_Main-400-italic.woff2',
      'KaTeX_Math 400 italic /f/KaTeX_Math-400-italic.woff2',
      'KaTeX_Size1 400 normal /f/KaTeX_Size1-400-normal.woff2',
    ]);
    expect(fonts.rules.find((r) => r.selector === '.katex')).toEqual({ selector: '.katex', family: 'KaTeX_Main', weight: 400, style: 'normal' });
    expect(fonts.rules.filter((r) => r.family === 'KaTeX_Size1')).toHaveLength(1);
  });

  it('matches faces as a browser does: style first, then the nearest weight on the asked side', () => {
    expect(matchFace(fonts.faces, 'KaTeX_Main', 600, 'normal')?.weight).toBe(700);
    expect(matchFace(fonts.faces, 'KaTeX_Main', 400, 'normal')?.weight).toBe(400);
    expect(matchFace(fonts.faces, 'KaTeX_Math', 400, 'normal')?.style).toBe('italic'); // the only face it has
    expect(matchFace(fonts.faces, 'KaTeX_Size1', 700, 'normal')?.weight).toBe(400); // bold is synthesised
    expect(matchFace(fonts.faces, 'Nope', 400, 'normal')).toBeUndefined();
  });

  it('follows the classes from each piece of math text up to .katex', () => {
    const html = page(math('<span class="mord mathnormal">x</span><span class="mord mathbf">v</span><span class="delimsizing size1">(</span><span class="mord">2</span>'));
    expect(mathFontsOf(html, fonts)).toEqual(['/f/KaTeX_Main-400-normal.woff2', '/f/KaTeX_Main-700-normal.woff2', '/f/KaTeX_Math-400-italic.woff2', '/f/KaTeX_Size1-400-normal.woff2']);
  });

  it('does not carry a bold heading or an emphasis into the math (the font shorthand on .katex resets them)', () => {
    expect(mathFontsOf(page(`<h2>About ${math('<span class="mord">2</span>')}</h2><em>${math('<span class="mord">3</span>')}</em>`), fonts)).toEqual(['/f/KaTeX_Main-400-normal.woff2']);
  });

  it('leaves out math text that a rule sets in a family of its own (not one of KaTeX’s files)', () => {
    const mono = readFontRules([SMALL_CSS, '.katex .mono{font-family:ui-monospace,monospace}']);
    expect(mathFontsOf(page(math('<span class="mono">x</span>')), mono)).toEqual([]);
  });

  it('ignores the hidden MathML copy, empty spans and pages without math', () => {
    expect(mathFontsOf(page(math('<span class="strut"></span>')), fonts)).toEqual([]);
    expect(mathFontsOf(page('<p>No math here.</p>'), fonts)).toEqual([]);
  });

  it("agrees with KaTeX's own stylesheet on KaTeX's own output", () => {
    const real = readFontRules([readFileSync('node_modules/katex/dist/katex.css', 'utf8')]);
    const html = page(katex.renderToString(String.raw`\mathbf{v} + \sum_i \big( x_i \big) + \mathbb{R}`, { displayMode: true }));
    const files = mathFontsOf(html, real).map((url) => url.split('/').pop());
    expect(files).toEqual(['KaTeX_AMS-Regular.woff2', 'KaTeX_Main-Bold.woff2', 'KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2', 'KaTeX_Size1-Regular.woff2', 'KaTeX_Size2-Regular.woff2']);
  });

  it('puts the preloads before the first stylesheet, and leaves a page without math fonts alone', () => {
    const html = page('');
    expect(withFontPreloads(html, ['/f/a.woff2'])).toContain('<head><link rel="preload" href="/f/a.woff2" as="font" type="font/woff2" crossorigin><link rel="stylesheet"');
    expect(withFontPreloads(html, [])).toBe(html);
  });
});

describe('module scripts behind the first paint', () => {
  const html = '<head><script>theme()</script></head><body><script type="module" src="/_astro/a.js"></script><p>x</p><script type="module" src="/_astro/b.js"></script><script type="application/json">{}</script></body>';

  it('replaces every module script with one loader listing them in order, at the last one’s place', () => {
    const result = deferModuleScripts(html, '/_astro/load.js');
    expect(result.modules).toEqual(['/_astro/a.js', '/_astro/b.js']);
    expect(result.html).toBe('<head><script>theme()</script></head><body><p>x</p><script type="module" src="/_astro/load.js" data-load="/_astro/a.js /_astro/b.js" fetchpriority="low"></script><script type="application/json">{}</script></body>');
  });

  it('leaves a page without module scripts unchanged', () => {
    const plain = '<body><script>theme()</script></body>';
    expect(deferModuleScripts(plain, '/_astro/load.js')).toEqual({ html: plain, modules: [] });
  });
});
