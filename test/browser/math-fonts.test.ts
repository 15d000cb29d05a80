import { expect, it } from 'vitest';
import { htmlFiles, readDocument } from '../../scripts/lib/site-files';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';

/** The pages of the build that have formulas. */
const pagesWithMath = htmlFiles('dist')
  .filter((file) => !file.startsWith('pagefind') && readDocument('dist', file).querySelector('.katex') !== null)
  .map((file) => file.replace(/index\.html$/, ''));

/** Lighthouse's phone (a Moto G Power: 412×823 CSS px at 1.75 device pixels each, mobile) and a desktop. */
const screens = [
  { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true },
  { viewport: { width: 1280, height: 800 } },
];

describeInBrowser('KaTeX fonts swapping in', () => {
  useBrowser();

  // KaTeX's fonts arrive after the first frame; until then formulas are laid out in local faces sized like them
  // (src/styles/katex-fallback.css, written by npm run katex-fallback). Were their sizes off, lines with a formula
  // would change height or break elsewhere when the fonts came, and the text would jump: a layout shift, which
  // Lighthouse counts in the first screen. Measured here as Chrome scores it, with the fonts swapped the other way
  // (their @font-face rules taken out of the loaded page, which lays it out again in the local faces). Without the
  // faces: 0.098 on KL, 0.067 on notation, 0.11 on cross-entropy at 1280 px; with them at most 0.004 (text sliding
  // sideways: the faces match KaTeX's mean width, not each glyph's, scripts/lib/katex-fallback.ts says why).
  // Lighthouse scores a layout shift of 0.01 as perfect.
  it.each(pagesWithMath)('/%s: KaTeX\'s fonts replacing the local faces shift the first screen by less than 0.01', async (path) => {
    for (const screen of screens) {
      const { page } = await openPage(path, { modules: false, allowErrors: /ERR_BLOCKED_BY_CLIENT/, ...screen });
      const timesMetrics = await page.evaluate(() => {
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = '100px "Times New Roman", monospace';
        const times = context.measureText('abcdefghij').width;
        context.font = '100px monospace';
        return times !== context.measureText('abcdefghij').width;
      });
      expect(timesMetrics, 'no Times-metric font here: on Debian, apt-get install fonts-liberation').toBe(true);
      await page.evaluate(() => document.fonts.ready);
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) total += entry.value;
            }).observe({ type: 'layout-shift' });
            const drop = (rules: CSSRuleList, owner: CSSStyleSheet | CSSGroupingRule): void => {
              for (let i = rules.length - 1; i >= 0; i--) {
                const rule = rules[i]!;
                const family = rule instanceof CSSFontFaceRule ? rule.style.getPropertyValue('font-family').replace(/["']/g, '') : '';
                if (family.startsWith('KaTeX_') && !family.endsWith(' fallback')) owner.deleteRule(i);
                else if (rule instanceof CSSGroupingRule) drop(rule.cssRules, rule);
              }
            };
            for (const sheet of document.styleSheets) drop(sheet.cssRules, sheet);
            // Two frames lay the page out again and report the shift; the observer's callback comes after them.
            requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 100)));
          }),
      );
      expect(shift, `at ${screen.viewport.width} px (stale src/styles/katex-fallback.css? npm run katex-fallback, then build)`).toBeLessThan(0.01);
    }
  });
});
