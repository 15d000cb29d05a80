import { expect, it } from 'vitest';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';

const CHAPTERS = ['convolution/', 'receptive-field/', 'entropy/', 'softmax/', 'gradient-descent/', 'backpropagation/'];

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
      // Let lazily drawn widgets near the target start and settle.
      await page.waitForTimeout(400);
      const offset = await page.evaluate((id) => {
        const heading = document.getElementById(decodeURIComponent(id.slice(1)))!;
        // "At the top": 1rem below the sticky header, where nothing covers it.
        const padding = document.querySelector('.site-header')!.getBoundingClientRect().bottom + 16;
        const atBottom = Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2;
        return { delta: heading.getBoundingClientRect().top - padding, atBottom };
      }, hash);
      // A heading near the end of the page cannot reach the top: the page stops scrolling first.
      if (Math.abs(offset.delta) > 2 && !(offset.atBottom && offset.delta > 0)) misses.push(`${hash}: ${offset.delta.toFixed(1)} px`);
    }
    expect(misses).toEqual([]);
  });
});
