import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FALLBACK_CSS_FILE, fallbackCss, familySelectors, weightedMeanRatio, type FaceMeasurement } from '../../scripts/lib/katex-fallback';

const katexCss = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8');

const main: FaceMeasurement = {
  family: 'KaTeX_Main', style: 'normal', weight: 400, ascent: 0.903, descent: 0.272, local: 'times',
  // Weights 3 and 1: the scale is (3 × 1.2 + 1 × 1.6) / 4 = 1.3. A character without a width counts for nothing.
  characters: { '=': { ratio: 1.2, weight: 3 }, o: { ratio: 1.6, weight: 1 }, '\u200b': { ratio: Number.NaN, weight: 1 } },
};

describe('KaTeX fallback faces (scripts/lib/katex-fallback.ts)', () => {
  it('scales a face to its characters\' weighted mean width ratio, which makes the squared width error least', () => {
    expect(weightedMeanRatio(Object.values(main.characters))).toBeCloseTo(1.3, 12);
    // Brute force: no other scale on a fine grid does better.
    const error = (scale: number): number => 3 * (1.2 - scale) ** 2 + (1.6 - scale) ** 2;
    for (let scale = 1; scale <= 2; scale += 0.001) expect(error(scale)).toBeGreaterThanOrEqual(error(1.3) - 1e-12);
    expect(weightedMeanRatio([])).toBeUndefined();
    expect(weightedMeanRatio([{ ratio: 2, weight: 0 }])).toBeUndefined();
  });

  it('finds every selector of KaTeX\'s stylesheet that sets a family, and .katex for KaTeX_Main', () => {
    const selectors = familySelectors(katexCss);
    expect(selectors.get('KaTeX_Main')).toEqual(expect.arrayContaining(['.katex', '.katex .textrm', '.katex .mathit']));
    expect(selectors.get('KaTeX_Math')).toEqual(expect.arrayContaining(['.katex .mathnormal', '.katex .boldsymbol']));
    expect(selectors.get('KaTeX_Size1')).toEqual(expect.arrayContaining(['.katex .op-symbol.small-op']));
    expect(selectors.get('KaTeX_SansSerif')?.length).toBeGreaterThan(0);
    // Nothing from the @font-face rules, which name the families too.
    expect([...selectors.values()].flat().filter((selector) => selector.includes('@'))).toEqual([]);
  });

  it('gives a face KaTeX\'s ascent and descent once size-adjust has scaled them', () => {
    const css = fallbackCss([main], katexCss);
    expect(css).toContain("@font-face { font-family: 'KaTeX_Main fallback'; font-style: normal; font-weight: 400; " +
      "src: local('Times New Roman'), local('Liberation Serif'), local('Tinos'); size-adjust: 130%; " +
      // 0.903 / 1.3 and 0.272 / 1.3
      'ascent-override: 69.46%; descent-override: 20.92%; }');
    expect(css).toMatch(/\.katex,\n[^{]*\.katex \.textrm[^{]*\{\n {2}font-family: KaTeX_Main, 'KaTeX_Main fallback', 'Times New Roman', serif;\n\}/);
  });

  it('defines DejaVu Sans before Times in one family, so Times is tried first and DejaVu for what it lacks', () => {
    const italic = { ...main, family: 'KaTeX_Math', style: 'italic' as const };
    const css = fallbackCss([{ ...italic, local: 'times' }, { ...italic, local: 'dejavu' }], katexCss);
    const dejavu = css.indexOf("src: local('DejaVu Sans Oblique')");
    const times = css.indexOf("src: local('Times New Roman Italic')");
    expect(dejavu).toBeGreaterThan(0);
    expect(times).toBeGreaterThan(dejavu);
    expect(css.match(/font-family: 'KaTeX_Math fallback'; font-style: italic/g)).toHaveLength(2);
  });

  it('leaves out a face with nothing measured, and refuses a family KaTeX\'s stylesheet never sets', () => {
    expect(fallbackCss([{ ...main, characters: {} }], katexCss)).not.toContain('@font-face');
    expect(() => fallbackCss([{ ...main, family: 'KaTeX_Nowhere' }], katexCss)).toThrow(/sets KaTeX_Nowhere nowhere/);
  });

  it('the stylesheet in the repository was written by it', () => {
    const css = readFileSync(FALLBACK_CSS_FILE, 'utf8');
    expect(css).toMatch(/^\/\* Written by `npm run katex-fallback`/);
    for (const family of ['KaTeX_Main', 'KaTeX_Math', 'KaTeX_Size1']) {
      expect(css).toContain(`font-family: '${family} fallback'`);
      expect(css).toContain(`font-family: ${family}, '${family} fallback', 'Times New Roman', serif;`);
    }
  });
});
