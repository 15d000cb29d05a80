import { expect, it } from 'vitest';
import { htmlFiles, readDocument } from '../../scripts/lib/site-files';
import { fontPresentExpression } from '../../scripts/lib/katex-fallback';
import type { Page } from 'playwright-core';
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

/** The font Chrome draws a page's first formula letter in (its platform font, as DevTools names it). */
async function formulaFont(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.katex-html .mord' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((font) => font.familyName).join(', ');
  } finally {
    await cdp.detach();
  }
}

/** Whether Chrome has a font with Times New Roman's widths (Liberation Serif or Tinos stand in on Linux). */
const hasTimesMetrics = async (page: Page): Promise<boolean> => (await page.evaluate(fontPresentExpression('"Times New Roman"'))) === true;

describeInBrowser('math fonts', () => {
  useBrowser();

  // KaTeX's fonts are font-display: optional (src/integrations/font-display.ts): a page whose fonts are not cached
  // yet lays its formulas out once, in the local faces, and keeps them so while the fonts download for later pages.
  it("a tab's first page keeps its formulas in the local faces after KaTeX's fonts have arrived; the next page in the tab sets them in KaTeX's fonts", async () => {
    const { page } = await openPage('kl-divergence/', { widgets: 'near' });
    expect(await hasTimesMetrics(page), 'no Times-metric font here: on Debian, apt-get install fonts-liberation').toBe(true);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
    expect(await formulaFont(page)).toMatch(/^(Liberation Serif|Times New Roman|Tinos|DejaVu Sans)/);
    await page.goto(new URL('../softmax/', page.url()).href);
    expect(await formulaFont(page)).toMatch(/^KaTeX_/);
  });

  // How a tab's first page looks (local faces) and a later page (KaTeX's fonts) should not differ in layout: with
  // the faces sized off, lines with a formula would change height or break elsewhere. Measured as Chrome scores a
  // layout shift, on a page in KaTeX's fonts whose KaTeX @font-face rules are then taken out (which lays it out again
  // in the local faces). Without the faces: 0.098 on KL, 0.067 on notation, 0.11 on cross-entropy at 1280 px; with
  // them at most 0.004 (text sliding sideways: the faces match KaTeX's mean width, not each glyph's,
  // scripts/lib/katex-fallback.ts says why). Lighthouse scores a layout shift of 0.01 as perfect.
  it.each(pagesWithMath)("/%s: the first screen laid out in the local faces instead of KaTeX's fonts shifts by less than 0.01", async (path) => {
    for (const screen of screens) {
      // With its modules (blocking them takes a route, and Playwright's routes turn the cache off), and the widgets
      // left to start near the viewport: the shift is counted only from the swap on, once those have started.
      const { page } = await openPage(path, { widgets: 'near', mathFonts: 'cached', ...screen });
      expect(await formulaFont(page)).toMatch(/^KaTeX_/);
      await page.evaluate(() => document.fonts.ready);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-widget]')].every((widget) => widget.hasAttribute('data-started') || widget.getBoundingClientRect().top > innerHeight * 2));
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
