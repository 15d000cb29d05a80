import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, openPage, useBrowser } from '../support/browser';
import { startAllWidgets } from '../support/widgets';

/** Every page the sitemap lists, as a path relative to the site root. */
const sitemapPaths = [...readFileSync('dist/sitemap-0.xml', 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
  new URL(m[1]!).pathname.replace(/^\//, ''),
);

describeInBrowser('every page in the sitemap', () => {
  useBrowser();

  it('the sitemap is not empty', () => {
    expect(sitemapPaths.length).toBeGreaterThanOrEqual(3);
  });

  it.each(sitemapPaths.flatMap((path) => (['light', 'dark'] as const).map((scheme) => ({ path, scheme }))))(
    '/$path ($scheme): loads cleanly, only from its own origin, with 0 axe violations',
    async ({ path, scheme }) => {
      const { page, consoleErrors, failedRequests, foreignRequests } = await openPage(path, { colorScheme: scheme });
      // Every widget drawn (some start only near the viewport), so axe sees what a reader scrolling down sees.
      await startAllWidgets(page);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    },
  );

  it('an unknown address gets the 404 page, which is clean too', async () => {
    const { page, foreignRequests } = await openPage('no-such-page/', { allowErrors: /404/ });
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(foreignRequests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
