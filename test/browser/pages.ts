import { htmlFiles } from '../../scripts/lib/site-files';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, openPage, useBrowser } from '../support/browser';
import { startAllWidgets, urlWritten } from '../support/widgets';
import { bracketsEndingLines, brokenCellFormulas, collidingLabels, cutCaptions, overflowing, punctuationStartingLines, scrollingFormulas, scrollingTables, smallSliders, smallTargets, smallText } from './phone';
import { clippedFocusRings, shownThoughHidden, unalignedFields, unpaintedMarkers } from './seen';

/** Every page of the build but the 404, as a path relative to the site root. */
const pagePaths = htmlFiles('dist')
  .filter((file) => file !== '404.html' && !file.startsWith('pagefind'))
  .map((file) => file.replace(/index\.html$/, ''));

/**
 * The only tables that may scroll sideways at 360 px, as their widgets start: their columns are the point (every
 * layer's kernel, stride, padding, dilation and results; a row of figures per network; the measured spread beside
 * two formulas; both divergences' gradients per class; the R-CNN sums worked step by step). Every other table fits.
 */
const TABLES_WIDER_THAN_A_PHONE: Record<string, string[]> = {
  'receptive-field/': ['prose: layer', 'network-table: Layers and their receptive fields', 'prose: The last feature map of each network, co', 'erf-depth: Spread against depth'],
  'kl-divergence/': ['same-gradient: Gradients of cross-entropy and KL diverg'],
};

/** Every page in one colour scheme: clean load, own origin only, 0 axe violations as served and with every widget started. */
export function checkEveryPage(scheme: 'light' | 'dark'): void {
  describeInBrowser(`every page (${scheme})`, () => {
    useBrowser();

    it('the build has pages', () => {
      expect(pagePaths.length).toBeGreaterThanOrEqual(3);
    });

    it.each(pagePaths)(`/%s (${scheme}): loads cleanly from its own origin, address unchanged; labels apart, fields in a row lined up, hidden things hidden, list markers and focus rings whole; 0 axe violations`, async (path) => {
      const { page, failedRequests, foreignRequests } = await openPage(path, { colorScheme: scheme, widgets: 'near' });
      // Every widget drawn (some start only near the viewport), so axe sees what a reader scrolling down sees.
      await startAllWidgets(page);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
      expect(failedRequests).toEqual([]);
      expect(foreignRequests).toEqual([]);
      // Widgets mirror their state in the address once the reader changes something, not on a mere visit.
      await urlWritten(page);
      expect(new URL(page.url()).search).toBe('');
      expect(await collidingLabels(page)).toEqual([]);
      expect(await unalignedFields(page)).toEqual([]);
      expect(await shownThoughHidden(page)).toEqual([]);
      expect(await unpaintedMarkers(page)).toEqual([]);
      expect(await clippedFocusRings(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });

    // What a reader sees before the widgets start (they start near the viewport), or when the scripts fail. Names,
    // roles and states do not depend on the theme, and the served page's text is its prose and controls, whose colours
    // are checked in both themes above once the widgets have started; so this runs in the light theme only.
    if (scheme === 'light') it.each(pagePaths)(`/%s as served, before its modules run: 0 axe violations`, async (path) => {
      const { page } = await openPage(path, { colorScheme: scheme, modules: false, allowErrors: /ERR_BLOCKED_BY_CLIENT/ });
      expect(await page.evaluate(() => document.documentElement.dataset['scripts'])).toBeUndefined();
      expect(await axeViolations(page)).toEqual([]);
    });

    // Formulas in KaTeX's fonts in the light theme (a later page in a tab), in the local faces that stand in
    // for them in the dark one (a tab's first page: src/integrations/font-display.ts), so both are measured.
    const fonts = scheme === 'light' ? 'cached' : 'cold';
    it.each(pagePaths)(`/%s (${scheme}, math fonts ${fonts}) on a 360 px phone: nothing sideways, tables that fit and captions in view, formulas in cells on one line, no line starting with punctuation or ending with a bracket before a formula, no text under 12 px, sliders and controls a finger can use, fields in a row lined up, plot labels apart, focus rings whole`, async (path) => {
      const { page } = await openPage(path, { colorScheme: scheme, viewport: { width: 360, height: 780 }, widgets: 'near', mathFonts: fonts });
      await startAllWidgets(page);
      // First: the checks below lay out the blocks the page skips and leave them so, which would hide a block's clip.
      expect(await clippedFocusRings(page)).toEqual([]);
      expect(await overflowing(page)).toEqual([]);
      expect(await smallText(page)).toEqual([]);
      expect(await smallSliders(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      expect(await collidingLabels(page)).toEqual([]);
      expect(await unalignedFields(page)).toEqual([]);
      expect(await punctuationStartingLines(page)).toEqual([]);
      expect(await bracketsEndingLines(page)).toEqual([]);
      expect(await scrollingFormulas(page)).toEqual([]);
      expect(await scrollingTables(page)).toEqual(TABLES_WIDER_THAN_A_PHONE[path] ?? []);
      expect(await cutCaptions(page)).toEqual([]);
      expect(await brokenCellFormulas(page)).toEqual([]);
    });
  });
}
