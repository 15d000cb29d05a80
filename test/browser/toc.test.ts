import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';

const CHAPTERS = ['convolution/', 'receptive-field/', 'entropy/', 'softmax/', 'gradient-descent/', 'backpropagation/', 'api/'];

/**
 * Waits until the jump has settled: every widget within a screen of the viewport (where lazy widgets start, see
 * components/lib/lazy.ts) has started, and the heading has not moved for ten frames, in which no resource finished
 * loading either. Measuring sooner would miss a widget or a picture that pushes the heading after the jump.
 */
async function settled(page: Page, hash: string): Promise<void> {
  await page.evaluate(() => Object.assign(window, { tocLastTop: NaN, tocStillFrames: 0, tocResources: -1 }));
  await page.waitForFunction(
    (id) => {
      const state = window as unknown as { tocLastTop: number; tocStillFrames: number; tocResources: number };
      const top = document.getElementById(decodeURIComponent(id.slice(1)))!.getBoundingClientRect().top;
      const resources = performance.getEntriesByType('resource').length;
      const started = [...document.querySelectorAll('[data-widget]')].every((widget) => {
        const box = widget.getBoundingClientRect();
        return widget.hasAttribute('data-started') || box.bottom < -innerHeight || box.top > 2 * innerHeight;
      });
      const still = started && top === state.tocLastTop && resources === state.tocResources;
      Object.assign(state, { tocLastTop: top, tocResources: resources, tocStillFrames: still ? state.tocStillFrames + 1 : 0 });
      return state.tocStillFrames >= 10;
    },
    hash,
    { polling: 'raf', timeout: 10_000 },
  );
}

/**
 * How far the jump's target missed the top ("#id: 3.5 px"), or null within 2 px. "The top" is 1rem below the sticky
 * header, where nothing covers it; a target near the end of the page that stays below it is no miss, as the page
 * stops scrolling first.
 */
async function missedTop(page: Page, hash: string): Promise<string | null> {
  const { delta, atBottom } = await page.evaluate((id) => {
    const target = document.getElementById(decodeURIComponent(id.slice(1)))!;
    const padding = document.querySelector('.site-header')!.getBoundingClientRect().bottom + 16;
    const atBottom = Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2;
    return { delta: target.getBoundingClientRect().top - padding, atBottom };
  }, hash);
  return Math.abs(delta) > 2 && !(atBottom && delta > 0) ? `${hash}: ${delta.toFixed(1)} px` : null;
}

describeInBrowser('the table of contents', () => {
  useBrowser();

  it.each(CHAPTERS)('/%s: every link puts its heading at the top, within 2 px', async (path) => {
    const { page } = await openPage(path, { viewport: { width: 1400, height: 900 } });
    const links = await page.locator('.toc a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).hash).filter((hash) => hash.length > 1));
    expect(links.length).toBeGreaterThan(3);
    const misses: string[] = [];
    // Backwards from the top of a fresh page: the first jump crosses the whole page, most of it not laid out yet.
    for (const hash of [...links].reverse()) {
      await page.locator(`.toc a[href$="${hash}"]`).click();
      await settled(page, hash);
      const miss = await missedTop(page, hash);
      if (miss) misses.push(miss);
    }
    expect(misses).toEqual([]);
  });

  it('a chapter listing\'s link to an API entry puts the entry at the top, within 2 px, though the entries are laid out only near the viewport', async () => {
    const { page } = await openPage('backpropagation/', { viewport: { width: 1400, height: 900 } });
    const link = page.locator('.code-source a[href*="api/#"]').first();
    const hash = new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).hash;
    await link.click();
    await page.waitForURL(/\/api\//);
    // The last entry too (it cannot reach the top), and one from the middle, each crossing entries never laid out.
    const ids = await page.locator('.api-entry').evaluateAll((entries) => [entries[Math.floor(entries.length / 2)]!.id, entries.at(-1)!.id]);
    const misses: string[] = [];
    for (const target of [hash, ...ids.map((id) => `#${id}`)]) {
      if (target !== hash) await page.evaluate((h) => (location.hash = h), target);
      await settled(page, target);
      const miss = await missedTop(page, target);
      if (miss) misses.push(miss);
    }
    expect(misses).toEqual([]);
  });
});
