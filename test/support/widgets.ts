import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Fails if the page shows "NaN" or "undefined" anywhere a reader can see or hear, outside code: in its text, in the
 * fields a widget fills in from its state (not those holding input the widget has rejected, which is the reader's
 * own) and in what is only spoken (a slider's value, a labelled picture). Source listings, code snippets and code
 * cells legitimately contain the word `undefined`, and whether innerText includes an off-screen listing depends on
 * scrolling (content-visibility), so code is skipped explicitly.
 */
export async function expectNoBrokenNumbers(page: Page): Promise<void> {
  const text = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest('pre, code, textarea, script, style, template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const parts: string[] = [];
    while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type="checkbox"], [type="radio"]), textarea')) {
      if (field.getAttribute('aria-invalid') !== 'true' && !field.closest('code-cell')) parts.push(field.value);
    }
    // What a screen reader says for a slider's value or a labelled picture, which no text node holds.
    for (const named of document.querySelectorAll('[aria-valuetext], [aria-label]')) {
      parts.push(named.getAttribute('aria-valuetext') ?? '', named.getAttribute('aria-label') ?? '');
    }
    return parts.join(' ');
  });
  expect(text).not.toMatch(/\bNaN\b/);
  expect(text).not.toMatch(/\bundefined\b/);
}

/**
 * Replaces a text field's content in one input event, like a paste. (Typing key by key would pass through
 * valid prefixes such as "1" of "1e999", which the widget rightly accepts on the way.)
 */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.fill(selector, text);
}

/** Whether a widget's results are dimmed as stale. */
export const isStale = (page: Page, widget: string): Promise<boolean> =>
  page.locator(`${widget} [data-role="results"]`).evaluate((el) => el.hasAttribute('data-stale'));

/**
 * An assertion on the widget's URL state, retried until its debounced write has happened (a fixed wait was flaky
 * on a slow CI machine): `await urlParam(page, 'id.field').toBe('1')`.
 */
export const urlParam = (page: Page, key: string) =>
  expect.poll(() => new URL(page.url()).searchParams.get(key), { timeout: 5000, interval: 100 });

/** Scrolls a widget into view and waits until it has started (some widgets start only when near the viewport). */
export async function startWidget(page: Page, selector: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.locator(`${selector}[data-started]`).waitFor({ state: 'attached' });
}

/** Starts every widget on the page, one after another, then returns to the top. */
export async function startAllWidgets(page: Page): Promise<void> {
  const ids = await page.locator('[data-widget]').evaluateAll((widgets) => widgets.map((w) => w.id));
  for (const id of ids) await startWidget(page, `#${id}`);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Waits until no widget has a URL write pending (call before reloading a page to test a shared link). */
export async function urlWritten(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-url-pending]') === null);
}
