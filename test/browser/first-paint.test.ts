import { expect, it } from 'vitest';
import { htmlFiles } from '../../scripts/lib/site-files';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';

/** Every page of the build but the 404, as a path relative to the site root. */
const pagePaths = htmlFiles('dist')
  .filter((file) => file !== '404.html' && !file.startsWith('pagefind'))
  .map((file) => file.replace(/index\.html$/, ''));

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
});
