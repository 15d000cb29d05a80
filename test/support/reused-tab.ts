/**
 * One browser tab per test file, handed to each test in the state a fresh browser context would give it. Why: on
 * this 2-core machine a fresh context per page costs a new renderer process, about 1.65 CPU-seconds per chapter
 * loaded against 1.0 in a reused tab reset as below (measured with /proc/stat over alternating runs), and the browser
 * tests open a page about 250 times: reusing the tab cut their CPU time by an eighth.
 *
 * Between two tests the tab forgets everything a test could leave behind: it leaves the page (which ends its
 * workers and timers), drops the test's routes, init scripts and event listeners, clears every kind of storage of the
 * origins under test (local storage, IndexedDB, Cache Storage, cookies…) and the HTTP cache, so each test starts
 * with a cold cache as in a new context, and back online; viewport and media emulation are set again for every test.
 * A test that needs what only a context can hold (service workers) gets a fresh context, as before.
 */
import type { Browser, BrowserContext, BrowserContextOptions, CDPSession, Disposable, Page } from 'playwright-core';

/** The context options a reused tab can apply per test; any other option needs a fresh context. */
const PER_TEST_OPTIONS = new Set(['viewport', 'colorScheme', 'reducedMotion']);
/** A fresh context's viewport in these tests. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };
/** Page events a test (or openPage) may listen to, removed between tests. */
const TEST_EVENTS = ['console', 'pageerror', 'request', 'requestfailed', 'requestfinished', 'response', 'download', 'dialog', 'worker', 'popup', 'framenavigated', 'load', 'domcontentloaded'] as const;

/** Whether a test with these context options can run in the reused tab. */
export function reusable(options: BrowserContextOptions): boolean {
  return Object.entries(options).every(([key, value]) => value === undefined || PER_TEST_OPTIONS.has(key) || (key === 'serviceWorkers' && value === 'block'));
}

/** The reused tab of one test file. */
export class ReusedTab {
  private context: BrowserContext | undefined;
  private page: Page | undefined;
  private cdp: CDPSession | undefined;
  private initScripts: Disposable[] = [];
  #taken = false;

  constructor(private readonly browser: Browser, private readonly origins: string[]) {}

  /** Whether the running test already has the tab (a second page in the same test gets a fresh context). */
  get taken(): boolean {
    return this.#taken;
  }

  /** The tab for the running test, with the viewport and colour scheme it asked for. */
  async take(options: BrowserContextOptions): Promise<Page> {
    if (!this.page || this.page.isClosed()) await this.open();
    const page = this.page!;
    this.#taken = true;
    await page.setViewportSize(options.viewport ?? DEFAULT_VIEWPORT);
    await page.emulateMedia({ media: null, colorScheme: options.colorScheme ?? 'light', reducedMotion: options.reducedMotion ?? 'no-preference' });
    return page;
  }

  /** Whether `page` is this tab. */
  owns(page: Page): boolean {
    return page === this.page;
  }

  /**
   * Resets the tab after a test that took it (nothing to do otherwise); if anything in the reset fails, the tab is
   * dropped and the next test gets a new one.
   */
  async release(): Promise<void> {
    if (!this.#taken) return;
    this.#taken = false;
    const page = this.page;
    if (!page || page.isClosed()) return this.forget();
    try {
      for (const event of TEST_EVENTS) page.removeAllListeners(event);
      await Promise.all(this.initScripts.splice(0).map((script) => script.dispose()));
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.goto('about:blank');
      await page.mouse.move(0, 0);
      // A test may take the tab offline (context.setOffline) once its page has loaded.
      await page.context().setOffline(false);
      const cdp = this.cdp!;
      for (const origin of this.origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
      // Disabling the cache also evicts the renderer's in-memory copies; clearing empties the disk cache.
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    } catch {
      await this.context?.close().catch(() => {});
      this.forget();
    }
  }

  private async open(): Promise<void> {
    const context = await this.browser.newContext({ viewport: DEFAULT_VIEWPORT, serviceWorkers: 'block' });
    context.on('close', () => this.context === context && this.forget());
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Init scripts cannot outlive their test: keep each one's handle to dispose of it on release.
    const addInitScript = page.addInitScript.bind(page);
    page.addInitScript = (async (...args: Parameters<Page['addInitScript']>) => {
      const script = await addInitScript(...args);
      this.initScripts.push(script);
      return script;
    }) as Page['addInitScript'];
    Object.assign(this, { context, page, cdp });
  }

  private forget(): void {
    this.context = this.page = this.cdp = undefined;
    this.initScripts = [];
  }
}
