import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { htmlFiles } from '../../scripts/lib/site-files';
import { serviceWorkerSource } from '../../src/integrations/service-worker';
import { serveSite } from '../support/server';
import { describeInBrowser, openPage, siteHref, subpathUrl, useBrowser, scriptsLoaded } from '../support/browser';
import { startAllWidgets, startWidget } from '../support/widgets';

const withWorker = { serviceWorkers: 'allow' } as const;
/** Waits until the service worker controls the page: it has installed, so every page and asset is cached. */
const controlled = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
const pages = htmlFiles('dist').filter((file) => !file.startsWith('pagefind') && file !== '404.html').map((file) => file.replace(/index\.html$/, ''));

describeInBrowser('offline, after one visit', () => {
  useBrowser();

  it('every page loads with the network off, its widgets start, and search finds pages', async () => {
    const { page } = await openPage('', withWorker);
    await controlled(page);
    await page.context().setOffline(true);
    for (const path of pages) {
      await page.goto(new URL(path, page.url()).href);
      await scriptsLoaded(page);
      expect(await page.locator('h1').count(), path).toBe(1);
      await startAllWidgets(page);
    }
    await page.keyboard.press('Control+k');
    await page.fill('#search-input', 'temperature');
    await expect.poll(() => page.locator('.search-results a').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // A page typed without its trailing slash is the same page.
    await page.goto(new URL('/softmax', page.url()).href);
    await scriptsLoaded(page);
    expect(await page.title()).toMatch(/^Softmax/);
  });

  it('without the service worker the same switch does cut the site off (so the test above measures the worker)', async () => {
    // From a blank page: a site page's own late requests would fail too and log errors of their own.
    const { page } = await openPage('about:blank', { allowErrors: /ERR_INTERNET_DISCONNECTED/ });
    await page.context().setOffline(true);
    await expect(page.goto(siteHref('notation/'))).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  });

  it('the digits are cached when first used, so the CNN lab trains offline afterwards', async () => {
    const { page } = await openPage('backpropagation/', withWorker);
    await controlled(page);
    await startWidget(page, '#cnn-lab');
    await page.locator('#cnn-lab [data-role="run"]').click();
    await expect.poll(() => page.locator('#cnn-lab [data-role="status"]').innerText(), { timeout: 30_000 }).toMatch(/^Epoch/);
    // The copy is written after the page has its digits (on a loaded CI machine, not yet by the first epoch).
    const digitsCached = () =>
      page.evaluate(async () => {
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          if (keys.some((request) => request.url.includes('mnist-digits'))) return true;
        }
        return false;
      });
    await expect.poll(digitsCached, { timeout: 30_000 }).toBe(true);
    await page.context().setOffline(true);
    await page.reload();
    await scriptsLoaded(page);
    await startWidget(page, '#cnn-lab');
    await page.locator('#cnn-lab [data-role="run"]').click();
    await expect.poll(() => page.locator('#cnn-lab [data-role="status"]').innerText(), { timeout: 30_000 }).toMatch(/^Epoch/);
  });

  it('works under a base path too', async () => {
    const { page } = await openPage(subpathUrl, withWorker);
    await controlled(page);
    await page.context().setOffline(true);
    await page.goto(new URL('gradient-descent/', subpathUrl).href);
    await scriptsLoaded(page);
    expect(await page.title()).toMatch(/^Gradient descent/);
    await startWidget(page, '#gd-race');
  });
});

describeInBrowser('a new build', () => {
  useBrowser();

  it('installs beside the old one, waits for the reader, then replaces it whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-'));
    cpSync('dist', dir, { recursive: true });
    const server = await serveSite(dir, '/', { live: true });
    try {
      const { page } = await openPage(server.url, withWorker);
      await controlled(page);
      const firstVersion = await page.evaluate(async () => (await caches.keys()).filter((k) => /^nn-notebook-[0-9a-f]{16}$/.test(k)));
      expect(firstVersion).toHaveLength(1);
      // "Rebuild": the home page says something new, and the service worker lists the new files.
      const home = path.join(dir, 'index.html');
      writeFileSync(home, readFileSync(home, 'utf8').replace('<h1', '<p id="new-build">A newer build</p><h1'));
      writeFileSync(path.join(dir, 'sw.js'), (await serviceWorkerSource(dir, '/')).source);
      // The server's precompressed copies of the changed files are stale now.
      for (const file of [`${home}.gz`, path.join(dir, 'sw.js.gz')]) rmSync(file, { force: true });
      await page.reload();
      await scriptsLoaded(page);
      // Until the reader agrees, every page is the old build's.
      expect(await page.locator('#new-build').count()).toBe(0);
      const offer = page.locator('.update-offer');
      await offer.waitFor({ timeout: 30_000 });
      expect(await offer.innerText()).toMatch(/A new version of this notebook has been downloaded/);
      await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Reload to use it' }).click()]);
      await page.locator('#new-build').waitFor();
      const versions = await page.evaluate(async () => (await caches.keys()).filter((k) => /^nn-notebook-[0-9a-f]{16}$/.test(k)));
      expect(versions).toHaveLength(1);
      expect(versions[0]).not.toBe(firstVersion[0]);
    } finally {
      await server.close();
    }
  });
});
