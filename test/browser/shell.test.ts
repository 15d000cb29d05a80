import { expect, it } from 'vitest';
import { describeInBrowser, openPage, siteHref, useBrowser, scriptsLoaded } from '../support/browser';
import { layOutSkippedBlocks } from '../support/skipped-blocks';
import { clippedFocusRings } from './seen';

describeInBrowser('the site shell', () => {
  useBrowser();

  it('a widget starts as scrolling brings it near, not at load; printing starts every one still waiting', async () => {
    const { page } = await openPage('convolution/', { viewport: { width: 360, height: 780 }, widgets: 'near' });
    const started = (id: string) => page.locator(`#${id}`).evaluate((widget) => widget.hasAttribute('data-started'));
    // The three-channel widget and the image playground are several screens down: after a moment, still waiting.
    await page.waitForTimeout(500);
    expect([await started('conv-model'), await started('conv-playground')]).toEqual([false, false]);
    expect(await page.evaluate(() => customElements.get('conv-computation-model'))).toBeUndefined();
    expect(await page.locator('#conv-model [data-role="maps"] table').count()).toBe(0);
    await page.locator('#conv-model').scrollIntoViewIfNeeded();
    await page.locator('#conv-model[data-started]').waitFor({ state: 'attached' });
    expect(await page.locator('#conv-model [data-role="maps"] table').count()).toBe(2);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await started('conv-playground')).toBe(false);
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    // Widgets whose code came with the page start at once; the image playground loads its code first.
    expect([await started('conv-params'), await started('conv-window')]).toEqual([true, true]);
    await page.locator('#conv-playground[data-started]').waitFor({ state: 'attached' });
  });

  it('a widget far down starts when focus reaches it without scrolling (as a screen reader’s cursor may)', async () => {
    const { page } = await openPage('receptive-field/', { viewport: { width: 360, height: 780 }, widgets: 'near' });
    await page.waitForTimeout(500);
    const table = page.locator('#network-table');
    expect(await table.evaluate((widget) => widget.hasAttribute('data-started'))).toBe(false);
    await table.locator('select').first().evaluate((select: HTMLSelectElement) => select.focus({ preventScroll: true }));
    expect(await table.evaluate((widget) => widget.hasAttribute('data-started'))).toBe(true);
  });

  it('search (Ctrl+K) finds a word from a chapter and links to it', async () => {
    const { page, consoleErrors, foreignRequests } = await openPage('');
    // Nothing of the search UI or index is loaded before it is opened.
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(before.some((name) => name.includes('pagefind') || name.includes('search-ui'))).toBe(false);

    await page.keyboard.press('Control+k');
    const dialog = page.locator('#search-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('temperature');
    const firstResult = page.locator('.search-results a').first();
    await firstResult.waitFor();
    expect(await firstResult.getAttribute('href')).toMatch(/\/softmax\/$/);
    expect(await page.locator('.search-status').textContent()).toMatch(/\d+ results?/);
    // Excerpts highlight the hit and never contain KaTeX's duplicates: no TeX source from MathML annotations, no
    // visual-HTML copies of formulas.
    expect(await page.locator('.search-results mark').count()).toBeGreaterThan(0);
    await page.fill('#search-input', 'normalises');
    await expect.poll(() => page.locator('.search-results a').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    const excerpts = (await page.locator('.search-result-excerpt').allInnerTexts()).join(' ');
    expect(excerpts).not.toMatch(/\\|operatorname|\bfrac\b|mathrm/);
    // Nor the headings' hidden "Link to section" anchors.
    await page.fill('#search-input', 'receptive fields');
    await expect.poll(() => page.locator('.search-results a').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect((await page.locator('.search-result-excerpt').allInnerTexts()).join(' ')).not.toMatch(/Link to section/);
    // The results scroll, so they clip: a result's focus ring must fit inside.
    expect(await clippedFocusRings(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The dialog's close event, which returns focus, is dispatched after it is hidden.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-open');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  // Pagefind retries a missing word with shorter prefixes ("bbbb" finds "b"), so the query must not start with
  // any letter the site uses as a word.
  it('search says so when nothing matches', async () => {
    const { page } = await openPage('notation/');
    await page.click('#search-open');
    await page.locator('#search-dialog').waitFor({ state: 'visible' });
    await page.fill('#search-input', 'ζζζζζζ');
    await expect.poll(() => page.locator('.search-status').textContent()).toContain('No results');
  });

  it('the theme choice persists across reloads and overrides the system setting', async () => {
    const { page } = await openPage('', { colorScheme: 'light' });
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
    await page.selectOption('#theme-select', 'dark');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.goto(siteHref('notation/'));
    await scriptsLoaded(page);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await page.inputValue('#theme-select')).toBe('dark');
    await page.reload();
    await scriptsLoaded(page);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    // Back to auto: follows the system (light) again, after a reload too.
    await page.selectOption('#theme-select', 'auto');
    await page.reload();
    await scriptsLoaded(page);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
  });

  it('the stored theme is applied before first paint (no flash)', async () => {
    const { page } = await openPage('', { colorScheme: 'light' });
    await page.selectOption('#theme-select', 'dark');
    // The inline head script sets the theme before the body is parsed: check it from a script at body start.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') {
          (window as unknown as { themeAtParse: string }).themeAtParse = document.documentElement.dataset['theme'] ?? '';
        }
      });
    });
    await page.reload();
    await scriptsLoaded(page);
    expect(await page.evaluate(() => (window as unknown as { themeAtParse: string }).themeAtParse)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(20, 22, 26)');
  });

  it('the mobile menu opens and closes with the keyboard, its focus rings whole', async () => {
    const { page } = await openPage('softmax/', { viewport: { width: 390, height: 800 } });
    const sidebar = page.locator('#sidebar');
    expect(await sidebar.isVisible()).toBe(false);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // menu button
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('menu-button');
    await page.keyboard.press('Enter');
    await sidebar.waitFor({ state: 'visible' });
    expect(await page.locator('#sidebar a[aria-current="page"]').textContent()).toContain('Softmax');
    expect(await clippedFocusRings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await sidebar.waitFor({ state: 'hidden' });
    // And again, closing with its own close button reached by keyboard.
    await page.focus('.menu-button');
    await page.keyboard.press('Enter');
    await sidebar.waitFor({ state: 'visible' });
    await page.focus('.sidebar-close');
    await page.keyboard.press('Enter');
    await sidebar.waitFor({ state: 'hidden' });
  });

  it('the skip link moves focus to the content', async () => {
    const { page } = await openPage('softmax/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
  });

  it('the table of contents marks the section being read', async () => {
    const { page } = await openPage('softmax/', { viewport: { width: 1400, height: 800 } });
    const links = page.locator('.toc a');
    expect(await links.count()).toBeGreaterThan(2);
    // At the top, before any scrolling (the scroll-spy's code is not even loaded yet), "Overview" is marked.
    expect(await page.locator('.toc a[aria-current="true"]').getAttribute('href')).toBe('#top');
    const last = links.last();
    const target = (await last.getAttribute('href'))!;
    await page.locator(target).scrollIntoViewIfNeeded();
    await page.evaluate((id) => document.querySelector(id)!.scrollIntoView({ block: 'start' }), target);
    await expect.poll(() => page.locator('.toc a[aria-current="true"]').getAttribute('href')).toBe(target);
  });

  it('a page opened at a section marks that section', async () => {
    const { page } = await openPage('softmax/#temperature', { viewport: { width: 1400, height: 800 } });
    await expect.poll(() => page.locator('.toc a[aria-current="true"]').getAttribute('href')).toBe('#temperature');
    expect(await page.locator('.toc a[aria-current="true"]').count()).toBe(1);
  });

  it('wide display math scrolls inside its block, not the page, and is keyboard-reachable', async () => {
    const { page } = await openPage('softmax/', { viewport: { width: 360, height: 800 } });
    // No formula of the site is wider than a phone (the 360 px checks of every page say so; one was, by a pixel or
    // two, in KaTeX's fonts only), so one is made four times its size.
    const wide = await page.evaluate(() => {
      const display = document.querySelector<HTMLElement>('.katex-display')!;
      display.style.contentVisibility = 'visible';
      display.querySelector<HTMLElement>('.katex')!.style.fontSize = '4em';
      return display.scrollWidth > display.clientWidth + 100;
    });
    expect(wide).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const focusable = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.katex-display')].every((el) => el.tabIndex === 0),
    );
    expect(focusable).toBe(true);
  });

  it('the API page wraps each signature at 360 px instead of scrolling it', async () => {
    const { page } = await openPage('api/', { viewport: { width: 360, height: 800 } });
    expect(await page.locator('.api-entry pre').count()).toBeGreaterThan(100);
    // Entries away from the viewport are not laid out (content-visibility), and would measure 0 × 0.
    await layOutSkippedBlocks(page);
    const scrolling = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.api-entry pre')].filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.closest('.api-entry')!.id),
    );
    expect(scrolling).toEqual([]);
  });

  it('the notation page sets each symbol on one line at 1280 px, and its tables fit', async () => {
    const { page } = await openPage('notation/', { viewport: { width: 1280, height: 800 } });
    const symbols = await page.evaluate(() =>
      [...document.querySelectorAll('.prose td:first-child .katex')].map((formula) => ({
        tex: formula.querySelector('annotation')!.textContent,
        lines: new Set([...formula.querySelectorAll('.katex-html > .base')].map((box) => Math.round(box.getBoundingClientRect().bottom))).size,
      })),
    );
    expect(symbols.length).toBeGreaterThan(30);
    expect(symbols.filter(({ lines }) => lines > 1)).toEqual([]);
    expect(await page.evaluate(() => [...document.querySelectorAll('.prose table')].filter((table) => table.scrollWidth > table.clientWidth + 1).length)).toBe(0);
  });

  it('at 1280 px code listings wrap their long lines, each continuing right of its own indentation; at 360 px they scroll', async () => {
    const measure = () =>
      [...document.querySelectorAll<HTMLElement>('.code-source pre.astro-code')].map((pre) => {
        pre.closest<HTMLElement>('.code-source')!.style.contentVisibility = 'visible';
        const lines = [...pre.querySelectorAll('.line')].filter((line) => line.getClientRects().length > 0);
        // A wrapped line: its text's boxes span more than one row; the continuation starts right of the first row's text.
        const continued = lines.flatMap((line) => {
          const range = document.createRange();
          range.selectNodeContents(line);
          const rows = [...range.getClientRects()].filter((box) => box.width > 0);
          if (rows.length === 0) return [];
          const text = line.textContent ?? '';
          const indentPx = (rows[0]!.width / Math.max(1, text.length)) * (text.length - text.trimStart().length);
          return rows.length > 1 && rows.at(-1)!.top > rows[0]!.top + 2 ? [rows.at(-1)!.left - (rows[0]!.left + indentPx)] : [];
        });
        return { scrolls: pre.scrollWidth > pre.clientWidth + 1, continued };
      });
    const wide = await (await openPage('backpropagation/', { viewport: { width: 1280, height: 800 } })).page.evaluate(measure);
    expect(wide.filter(({ scrolls }) => scrolls)).toEqual([]);
    const offsets = wide.flatMap(({ continued }) => continued);
    expect(offsets.length).toBeGreaterThan(5);
    expect(offsets.filter((offset) => offset < 8)).toEqual([]);
    const narrow = await (await openPage('backpropagation/', { viewport: { width: 360, height: 800 } })).page.evaluate(measure);
    expect(narrow.filter(({ scrolls }) => scrolls).length).toBeGreaterThan(2);
  });

  // Display formulas are skipped until they near the viewport (content-visibility: auto) and hold the height written
  // at build time meanwhile; if that height were wrong, laying them out would shift the page under the reader.
  it.each(['convolution/', 'entropy/', 'kl-divergence/', 'softmax/', 'gradient-descent/', 'notation/'])(
    '%s: every display formula reserves its own height',
    async (path) => {
      for (const width of [412, 1280]) {
        const { page } = await openPage(path, { viewport: { width, height: 900 } });
        await page.evaluate(() => document.fonts.ready);
        // The block's height while skipped (what the reserved size makes of it, padding included), then laid out.
        // Blocks in the first screen have been laid out already and keep that size ('auto'): they compare equal.
        const mismatches = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.katex-display')].flatMap((block, i) => {
            const reserved = block.getBoundingClientRect().height;
            block.style.contentVisibility = 'visible';
            const actual = block.getBoundingClientRect().height;
            return Math.abs(reserved - actual) <= 1.5 ? [] : [`#${i}: reserved ${reserved}px, laid out ${actual}px`];
          }),
        );
        expect(mismatches, `at ${width} px`).toEqual([]);
      }
    },
  );
});
