import { htmlFiles } from '../../scripts/lib/site-files';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, openPage, useBrowser } from '../support/browser';
import { startAllWidgets } from '../support/widgets';
import { overflowing, smallSliders, smallText } from './phone';

/** Every page of the build but the 404, as a path relative to the site root. */
const pagePaths = htmlFiles('dist')
  .filter((file) => file !== '404.html' && !file.startsWith('pagefind'))
  .map((file) => file.replace(/index\.html$/, ''));

/** Every page in one colour scheme: clean load, own origin only, 0 axe violations with every widget started. */
export function checkEveryPage(scheme: 'light' | 'dark'): void {
  describeInBrowser(`every page (${scheme})`, () => {
    useBrowser();

    it('the build has pages', () => {
      expect(pagePaths.length).toBeGreaterThanOrEqual(3);
    });

    it.each(pagePaths)(`/%s (${scheme}): loads cleanly, only from its own origin, with 0 axe violations`, async (path) => {
      const { page, failedRequests, foreignRequests } = await openPage(path, { colorScheme: scheme });
      // Every widget drawn (some start only near the viewport), so axe sees what a reader scrolling down sees.
      await startAllWidgets(page);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
      expect(failedRequests).toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });

    it.each(pagePaths)(`/%s (${scheme}) on a 360 px phone: nothing sideways, no text under 12 px, sliders a finger can use`, async (path) => {
      const { page } = await openPage(path, { colorScheme: scheme, viewport: { width: 360, height: 780 } });
      await startAllWidgets(page);
      expect(await overflowing(page)).toEqual([]);
      expect(await smallText(page)).toEqual([]);
      expect(await smallSliders(page)).toEqual([]);
    });
  });
}
