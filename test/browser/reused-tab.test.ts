import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';

/**
 * The tests of a file share one tab (test/support/reused-tab.ts). These two tests run in order: the first leaves
 * behind everything it can, the second must find none of it, as in a new browser context.
 */
describeInBrowser('the reused tab starts each test as a new context would', () => {
  useBrowser();
  let first: Page | undefined;
  const heardByTheFirstTest: string[] = [];

  it('a test leaves storage, a cached file, a route, an init script, a listener, a theme, a viewport and the network off behind', async () => {
    const { page } = await openPage('notation/', { colorScheme: 'dark', viewport: { width: 500, height: 600 } });
    first = page;
    await page.evaluate(async () => {
      localStorage.setItem('left-behind', '1');
      document.cookie = 'left=behind; path=/';
      await (await caches.open('left-behind')).put('/left-behind', new Response('x'));
      await new Promise((resolve) => Object.assign(indexedDB.open('left-behind'), { onsuccess: resolve }));
    });
    await page.addInitScript(() => Object.assign(window, { leftBehind: true }));
    await page.route('**/*.css', (route) => route.abort());
    page.on('console', (message) => heardByTheFirstTest.push(message.text()));
    expect(await page.evaluate(() => [matchMedia('(prefers-color-scheme: dark)').matches, innerWidth])).toEqual([true, 500]);
    await page.context().setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  });

  it('the next test finds none of it, and fetches the page again rather than from the cache', async () => {
    // Still offline, opening the page would fail.
    const { page, failedRequests } = await openPage('notation/');
    expect(page, 'the same tab, reset').toBe(first);
    // What the first test's page logged while that test ran is its own (its service-worker registration, refused
    // in these tests, may log after the listener was added); from here on, a listener that survived would hear this
    // page's messages.
    heardByTheFirstTest.length = 0;
    expect(await page.evaluate(async () => ({
      local: localStorage.length,
      cookie: document.cookie,
      caches: await caches.keys(),
      databases: (await indexedDB.databases()).map((database) => database.name),
      initScript: 'leftBehind' in window,
      dark: matchMedia('(prefers-color-scheme: dark)').matches,
      width: innerWidth,
      online: navigator.onLine,
      stylesheets: document.styleSheets.length > 0,
      fromCache: performance.getEntriesByType('resource').filter((entry) => (entry as PerformanceResourceTiming).transferSize === 0).map((entry) => entry.name),
    }))).toEqual({ local: 0, cookie: '', caches: [], databases: [], initScript: false, dark: false, width: 1280, online: true, stylesheets: true, fromCache: [] });
    await page.evaluate(() => console.log('no listener of the previous test hears this'));
    expect(heardByTheFirstTest).toEqual([]);
    expect(failedRequests).toEqual([]);
  });
});
