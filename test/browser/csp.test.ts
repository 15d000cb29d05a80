import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { htmlFiles } from '../../scripts/lib/site-files';
import { siteFiles } from '../../src/integrations/service-worker';
import { describeInBrowser, openPage, siteHref, useBrowser, scriptsLoaded } from '../support/browser';
import { startAllWidgets, startWidget } from '../support/widgets';

const pages = htmlFiles('dist').filter((file) => !file.startsWith('pagefind')).map((file) => (file === '404.html' ? '404.html' : file.replace(/index\.html$/, '')));
/** Records every Content-Security-Policy violation the page (or a worker of it) reports to the document. */
const RECORD = `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

describeInBrowser('the Content-Security-Policy the build ships (_headers)', () => {
  useBrowser();

  it.each(pages)('/%s: every widget started, search opened, a cell run: no violation', async (path) => {
    const { page, consoleErrors } = await openPage('about:blank');
    await page.addInitScript(RECORD);
    const response = await page.goto(siteHref(path));
    await scriptsLoaded(page);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'sha256-/);
    await startAllWidgets(page);
    const cell = page.locator('code-cell').first();
    if (await cell.count()) {
      await cell.evaluate((element) => ((element.closest('details') ?? ({} as HTMLDetailsElement)).open = true));
      await cell.scrollIntoViewIfNeeded();
      await cell.locator('[data-cell-action="run"]:not([disabled])').click();
      await expect.poll(() => cell.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
      expect(await cell.locator('[data-cell-part="output"]').innerText()).not.toMatch(/Refused|EvalError|Content Security/);
    }
    await page.keyboard.press('Control+k');
    await page.fill('#search-input', 'entropy');
    await expect.poll(() => page.locator('.search-results a').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("the lab's and the classifier's workers run under it", async () => {
    const { page } = await openPage('about:blank');
    await page.addInitScript(RECORD);
    await page.goto(siteHref('backpropagation/'));
    await scriptsLoaded(page);
    await startWidget(page, '#cnn-lab');
    await page.locator('#cnn-lab [data-role="run"]').click();
    await expect.poll(() => page.locator('#cnn-lab [data-role="status"]').innerText(), { timeout: 30_000 }).toMatch(/^Epoch/);
    await page.goto(siteHref('gradient-descent/'));
    await scriptsLoaded(page);
    await startWidget(page, '#gd-train');
    await page.locator('#gd-train [data-role="run"]').click();
    await expect.poll(() => page.locator('#gd-train [data-role="status"], #gd-train [data-role="summary"]').first().innerText(), { timeout: 10_000 }).toMatch(/[1-9]/);
    expect(await violations(page)).toEqual([]);
  });

  it('a page cannot turn strings into code (the cells run in their own worker, whose policy allows it)', async () => {
    const { page } = await openPage('about:blank', { allowErrors: /unsafe-eval|Content Security Policy/ });
    await page.addInitScript(RECORD);
    await page.goto(siteHref('softmax/'));
    await scriptsLoaded(page);
    // A same-origin script (allowed by script-src 'self') that tries new Function: the page's policy must refuse it.
    await page.route('**/csp-probe.js', (route) => route.fulfill({ contentType: 'text/javascript', body: "try { document.body.dataset.probe = String(new Function('return 6 * 7')()); } catch (error) { document.body.dataset.probe = error.name; }" }));
    await page.evaluate(() => document.head.append(Object.assign(document.createElement('script'), { src: '/csp-probe.js' })));
    await expect.poll(() => page.evaluate(() => document.body.dataset['probe'])).toBe('EvalError');
    expect(await violations(page)).toEqual(['script-src eval']);
  });

  it("only the cells' worker's path gets 'unsafe-eval'; every file gets nosniff", async () => {
    const files = await siteFiles('dist');
    for (const file of files) {
      const response = await fetch(siteHref(file.replace(/(^|\/)index\.html$/, '$1')));
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(response.headers.get('x-content-type-options'), file).toBe('nosniff');
      expect(csp.includes("'unsafe-eval'"), `${file}: ${csp}`).toBe(file.startsWith('cells/'));
      if (file.startsWith('cells/')) expect(csp).toBe("default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'");
      else expect(csp, file).toMatch(/^default-src 'self'; script-src 'self' 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'self'( 'sha256-[^']+')+; style-src-attr 'unsafe-inline'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$/);
    }
  });
});
