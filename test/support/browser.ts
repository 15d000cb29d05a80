import { afterAll, afterEach, beforeAll, describe, expect, inject } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium } from './chromium';
import { loadMathFonts } from './math-fonts';
import { DEFAULT_VIEWPORT, ReusedTab, reusable } from './reused-tab';
import { layOutSkippedBlocks, skipAgain } from './skipped-blocks';

const chromiumPath = inject('chromiumPath');
const siteUrl = inject('siteUrl');
/** Where the site built for the sub-path /nn/ is served. */
export const subpathUrl = inject('subpathUrl');

/** `describe` for browser tests: skipped (with the install hint printed by global setup) when there is no Chromium. */
export const describeInBrowser = describe.skipIf(chromiumPath === '');

/** A page plus everything it did that a test may want to refuse. */
export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
}

let browser: Browser | undefined;
/** The file's reused tab (test/support/reused-tab.ts). */
let tab: ReusedTab | undefined;
/** Pages opened by the running test, checked and closed after it. */
let opened: (WatchedPage & { allowErrors: RegExp | null })[] = [];

/**
 * Launches one Chromium for the calling test file and closes it afterwards. After every test, each page the test
 * opened must have logged no console error and thrown no uncaught error (`pageerror`), unless the test said which
 * errors it expects; then the file's reused tab is reset and any other page's context closed.
 */
export function useBrowser(): void {
  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
    tab = new ReusedTab(browser, [siteUrl, subpathUrl].map((url) => new URL(url).origin));
  });
  afterEach(async () => {
    const pages = opened;
    opened = [];
    const errors = pages.flatMap((watched) => watched.consoleErrors.filter((e) => !watched.allowErrors?.test(e)));
    const others = pages.filter((watched) => !tab?.owns(watched.page));
    await Promise.all([tab?.release(), ...others.map((watched) => watched.page.context().close().catch(() => {}))]);
    expect(errors, 'console errors or uncaught exceptions in the page').toEqual([]);
  });
  afterAll(async () => {
    tab = undefined;
    await browser?.close();
  });
}

/** Absolute URL of a site path ("softmax/" → http://127.0.0.1:port/softmax/). */
export const siteHref = (path: string): string =>
  /^https?:/.test(path) ? path : new URL(path.replace(/^\//, ''), siteUrl).href;

/**
 * Opens a site path in a page as fresh as a new context's, recording console errors, uncaught exceptions, failed
 * requests and requests to other origins. `allowErrors`: console errors the test expects (e.g. a 404), not counted
 * against it.
 * `modules: false` blocks the loader of the page's module scripts (its inline scripts, such as the theme, still run):
 * the page as a reader sees it before the widgets start, or when the scripts fail to load.
 * `widgets`: 'all' (the default) starts every widget at once, as printing does, for a test about what a widget does;
 * 'near' leaves them to start as a reader's scrolling brings them near (components/lib/lazy.ts).
 * `mathFonts`: 'cold' (the default) opens the page as a tab's first page, whose formulas stay in the local faces
 * that stand in for KaTeX's fonts (src/integrations/font-display.ts); 'cached' as a later page, in KaTeX's own.
 */
export async function openPage(path: string, options: BrowserContextOptions & { allowErrors?: RegExp; modules?: boolean; widgets?: 'all' | 'near'; mathFonts?: 'cold' | 'cached' } = {}): Promise<WatchedPage> {
  if (!browser) throw new Error('useBrowser() was not called in this file');
  const { allowErrors, modules = true, widgets = 'all', mathFonts = 'cold', ...contextOptions } = options;
  // The test's first page is the file's reused tab, unless it needs a context of its own. Service workers are
  // blocked unless a test asks for them (test/browser/offline.test.ts): otherwise every fresh context would precache
  // the whole site in the background of a test about something else.
  const page = tab && !tab.taken && reusable(contextOptions)
    ? await tab.take(contextOptions)
    : await (await browser.newContext({ viewport: DEFAULT_VIEWPORT, serviceWorkers: 'block', ...contextOptions })).newPage();
  const watched: WatchedPage = { page, consoleErrors: [], failedRequests: [], foreignRequests: [] };
  opened.push({ ...watched, allowErrors: allowErrors ?? null });
  const origin = new URL(siteHref(path)).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(String(error)));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.origin !== origin) {
      watched.foreignRequests.push(request.url());
    }
  });
  page.on('requestfailed', (request) => watched.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) watched.failedRequests.push(`${response.url()} (${response.status()})`);
  });
  if (!modules) await page.route('**/load-after-paint*.js', (route) => route.abort('blockedbyclient'));
  if (mathFonts === 'cached') {
    // Playwright turns the cache off while a route is set, so the page would not find the fonts loaded.
    if (!modules) throw new Error("openPage: mathFonts 'cached' needs the modules (blocking them takes a route)");
    await loadMathFonts(page, siteHref(''));
  }
  await page.goto(siteHref(path), { waitUntil: 'load' });
  if (modules) await scriptsLoaded(page);
  if (modules && widgets === 'all') await startEveryWidget(page);
  return watched;
}

/** Reloads a page opened with the default `widgets: 'all'` and starts its widgets again (a shared link's test). */
export async function reloadPage(page: Page): Promise<void> {
  await page.reload();
  await scriptsLoaded(page);
  await startEveryWidget(page);
}

/** Starts every widget the page has not started yet, as printing does (components/lib/lazy.ts). */
export async function startEveryWidget(page: Page): Promise<void> {
  await page.evaluate(() => {
    dispatchEvent(new Event('beforeprint'));
    dispatchEvent(new Event('afterprint'));
  });
}

/**
 * Waits until the page's scripts have run: the build loads them after the first paint (load-after-paint.js marks
 * <html data-scripts="loaded">), so `load` alone can come before the widgets and the shell are wired. A page of a
 * build without the loader (none today) is taken as it is.
 */
export async function scriptsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('script[data-load]') || document.documentElement.dataset['scripts'] === 'loaded');
}

/** The axe rule tags every page is held to: WCAG 2 A/AA (2.0, 2.1, 2.2) and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe in the page with the AXE_TAGS rules, with every block laid out; its full results. */
export async function axeResults(page: Page): Promise<Awaited<ReturnType<AxeBuilder['analyze']>>> {
  // Skipped blocks left the colour-contrast rule undecided ("incomplete": 268 nodes on the API page, 340 on
  // backpropagation, against 30 and 261 laid out).
  const unskipped = await layOutSkippedBlocks(page);
  const results = await new AxeBuilder({ page })
    // Every rule still runs and every violation is reported in full; only passes and the rest keep one example node
    // each, which spares axe building a selector for each of thousands of nodes (about a quarter of its time on a
    // chapter, measured: 9.7 → 7.0 s on gradient descent). Before withTags: `options()` replaces the whole options
    // object, so called after it, it threw the tags away and axe ran its default rule set instead.
    .options({ resultTypes: ['violations'] })
    .withTags(AXE_TAGS)
    // Legacy mode runs axe once in the page. The default mode runs it per frame and then finishes the run in a new
    // blank page, injecting axe a second time: 6.5 s against 2.5 s on gradient descent, for the same results on
    // pages like these, which have no frames.
    .setLegacyMode(true)
    .analyze();
  if (unskipped > 0) await skipAgain(page);
  return results;
}

/** Runs axe with the AXE_TAGS rules; returns violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await axeResults(page);
  return results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`,
  );
}
