import { expect, it } from 'vitest';
import { describeInBrowser, openPage, subpathUrl, useBrowser } from '../support/browser';

describeInBrowser('the site hosted under a sub-path (BASE_PATH=/nn/)', () => {
  useBrowser();

  it.each(['', 'softmax/', 'convolution/', 'notation/'])('/nn/%s loads every asset from under /nn/, with working widgets', async (path) => {
    const { page, consoleErrors, failedRequests, foreignRequests } = await openPage(new URL(path, subpathUrl).href);
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(foreignRequests).toEqual([]);
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    for (const pathname of requested) expect(pathname.startsWith('/nn/')).toBe(true);
    for (const link of await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(link!.startsWith('/nn/')).toBe(true);
    }
  });

  it('search works under the sub-path and links stay under it', async () => {
    const { page, failedRequests } = await openPage(subpathUrl);
    await page.keyboard.press('Control+k');
    await page.locator('#search-dialog').waitFor({ state: 'visible' });
    await page.fill('#search-input', 'temperature');
    const first = page.locator('.search-results a').first();
    await first.waitFor();
    expect(await first.getAttribute('href')).toBe('/nn/softmax/');
    expect(failedRequests).toEqual([]);
  });
});
