import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, openPage, useBrowser } from '../support/browser';
import { startAllWidgets } from '../support/widgets';

/** Every page the sitemap lists, as a path relative to the site root. */
const sitemapPaths = [...readFileSync('dist/sitemap-0.xml', 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname.replace(/^\//, ''));

/** Every page of the sitemap in one colour scheme: clean load, own origin only, 0 axe violations with every widget started. */
export function checkEveryPage(scheme: 'light' | 'dark'): void {
  describeInBrowser(`every page in the sitemap (${scheme})`, () => {
    useBrowser();

    it('the sitemap is not empty', () => {
      expect(sitemapPaths.length).toBeGreaterThanOrEqual(3);
    });

    it.each(sitemapPaths)(`/%s (${scheme}): loads cleanly, only from its own origin, with 0 axe violations`, async (path) => {
      const { page, failedRequests, foreignRequests } = await openPage(path, { colorScheme: scheme });
      // Every widget drawn (some start only near the viewport), so axe sees what a reader scrolling down sees.
      await startAllWidgets(page);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
      expect(failedRequests).toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
