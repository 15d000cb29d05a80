import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { htmlFiles } from '../../scripts/lib/site-files';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';

/** Every page of the build but the 404, as a path relative to the site root. */
const pagePaths = htmlFiles('dist')
  .filter((file) => file !== '404.html' && !file.startsWith('pagefind'))
  .map((file) => file.replace(/index\.html$/, ''));

/** "KaTeX_Main-Bold.Cx986IdX.woff2" → "KaTeX_Main 700 normal", the way document.fonts describes a face. */
function faceOfFile(url: string): string {
  const [family, variant] = url.split('/').pop()!.split('.')[0]!.split('-') as [string, string];
  return `${family} ${variant.includes('Bold') ? 700 : 400} ${variant.includes('Italic') ? 'italic' : 'normal'}`;
}

describeInBrowser('what the first paint waits for', () => {
  useBrowser();

  it.each(pagePaths)('/%s fetches its scripts only after its first contentful paint, and they run', async (path) => {
    const { page } = await openPage(path, { widgets: 'near' });
    // openPage has waited until the loader marked every module run, so their resource entries are all there.
    await page.waitForFunction(() => document.querySelector('script[data-load]') !== null && performance.getEntriesByName('first-contentful-paint').length > 0);
    const timings = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
      loader: (document.querySelector('script[data-load]') as HTMLScriptElement).src,
      modules: performance.getEntriesByType('resource').filter((entry) => /\/_astro\/.*\.js$/.test(entry.name)).map((entry) => ({ url: entry.name, start: entry.startTime })),
    }));
    const deferred = timings.modules.filter((module) => module.url !== timings.loader);
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.filter((module) => module.start < timings.paint)).toEqual([]);
    // The shell's script ran (the loader did load what it lists): the theme menu works.
    await page.selectOption('#theme-select', 'dark');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  });

  /** The faces the page has asked for so far, as document.fonts describes them. */
  const facesInUse = (page: Page) => page.evaluate(() => [...document.fonts].filter((face) => face.status !== 'unloaded').map((face) => `${face.family} ${face.weight} ${face.style}`).sort());

  it.each(pagePaths.flatMap((path) => [[path, 360], [path, 1280]] as const))('/%s at %i px: no math font is found late by the first layout, and none is preloaded in vain', async (path, width) => {
    const { page } = await openPage(path, { viewport: { width, height: 800 }, widgets: 'near' });
    const preloaded = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="font"]')].map((link) => link.href));
    await page.waitForLoadState('networkidle');
    const atLoad = await facesInUse(page);
    expect(atLoad.filter((face) => !preloaded.map(faceOfFile).includes(face)), 'fonts the first layout needed without a preload').toEqual([]);
    // Everything laid out, as scrolling through would: each preloaded face must have been used by then.
    await page.evaluate(async () => {
      document.querySelectorAll<HTMLElement>('.katex-display, .prose > *').forEach((block) => (block.style.contentVisibility = 'visible'));
      document.body.getBoundingClientRect();
      await document.fonts.ready;
    });
    const used = await facesInUse(page);
    expect(preloaded.map(faceOfFile).filter((face) => !used.includes(face)), 'preloaded fonts never used').toEqual([]);
  });
});
