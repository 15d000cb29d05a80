/**
 * What any reader sees, measured in the page (phone.ts has what a phone adds): hidden things hidden, list markers
 * painted, focus rings whole. Page functions are passed as strings (tsx would wrap named functions in a helper the
 * page does not have).
 */
import type { Page } from 'playwright-core';

/**
 * Elements with the hidden attribute that are on screen all the same: a rule that sets `display` beats the browser's
 * own `[hidden]` rule (an empty canvas once kept 160 px of blank space in the CNN lab that way).
 */
export const shownThoughHidden = (page: Page): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll('[hidden]')]
    .filter((element) => getComputedStyle(element).display !== 'none')
    .map((element) => element.outerHTML.slice(0, 80))`);

/**
 * List items whose number or bullet is never painted: Chrome paints no outside marker for an item that is
 * paint-contained, as every item that may be skipped (content-visibility: auto) is, on screen or not.
 */
export const unpaintedMarkers = (page: Page): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll('li')]
    .filter((item) => {
      const style = getComputedStyle(item);
      const contained = style.contentVisibility !== 'visible' || /paint|strict|content/.test(style.contain);
      return contained && style.listStyleType !== 'none' && style.listStylePosition === 'outside';
    })
    .map((item) => (item.textContent ?? '').trim().slice(0, 40))`);

/**
 * Focus rings something cuts: a block the browser may skip (content-visibility: auto) is paint-contained, on screen
 * too, and clips at its edge plus its overflow-clip-margin, which must reach as far as the ring (checked by style,
 * since a skipped block has no boxes to measure); and a control or link wholly inside something that scrolls (the
 * table of contents, a grid of values) must have its ring inside too (checked by measure). The ring's reach is
 * read from a focused link (outline width plus offset; the first link that takes focus).
 */
export const clippedFocusRings = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    // The first link that takes focus (outside an open modal dialog, none does).
    const link = [...document.querySelectorAll('a[href]')].find((a) => (a.focus({ preventScroll: true }), document.activeElement === a));
    if (!link) throw new Error('no link takes focus, so the focus ring cannot be measured');
    const ring = getComputedStyle(link);
    const reach = parseFloat(ring.outlineWidth) + parseFloat(ring.outlineOffset);
    if (!(reach > 0)) throw new Error('a focused link shows no focus ring');
    link.blur();
    const focusable = 'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])';
    const name = (element) => element.tagName.toLowerCase() + '.' + [...element.classList].join('.') + ' ' + (element.textContent ?? '').trim().slice(0, 30);
    const cut = [];
    for (const block of document.querySelectorAll('body *')) {
      const style = getComputedStyle(block);
      if (style.contentVisibility === 'auto' && !(parseFloat(style.overflowClipMargin) >= reach) && block.querySelector(focusable)) cut.push(name(block));
    }
    for (const element of document.querySelectorAll(focusable)) {
      const boxes = [...element.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (boxes.length === 0 || element.closest('.sr-only, .katex-mathml')) continue;
      let clipper = element.parentElement;
      while (clipper && clipper !== document.body && getComputedStyle(clipper).overflowX === 'visible' && getComputedStyle(clipper).overflowY === 'visible') clipper = clipper.parentElement;
      if (!clipper || clipper === document.body) continue;
      const style = getComputedStyle(clipper);
      const outer = clipper.getBoundingClientRect();
      const left = outer.left + parseFloat(style.borderLeftWidth), top = outer.top + parseFloat(style.borderTopWidth);
      const port = { left, top, right: left + clipper.clientWidth, bottom: top + clipper.clientHeight };
      const within = (r, by) => r.left - by >= port.left - 0.5 && r.right + by <= port.right + 0.5 && r.top - by >= port.top - 0.5 && r.bottom + by <= port.bottom + 0.5;
      // Scrolled partly out of view is what scrolling is; a ring cut around a control in full view is not.
      if (boxes.every((r) => within(r, 0)) && !boxes.every((r) => within(r, reach))) cut.push(name(element) + ' in ' + name(clipper));
    }
    return cut;
  })()`);

/**
 * Widget drawings whose text is not scaled for their viewBox at their size on screen: `--svg-scale` must be
 * max(1, viewBox width ÷ drawn width), so labels stay 12 px (components/lib/readable-svg.ts), also for a drawing
 * redrawn outside a render with a new viewBox (setViewBox rescales it then).
 */
export const staleTextScales = (page: Page): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll('[data-widget] svg[viewBox]')].flatMap((svg) => {
    const drawn = svg.getBoundingClientRect().width;
    if (drawn === 0) return [];
    const want = Math.max(1, svg.viewBox.baseVal.width / drawn);
    const got = parseFloat(svg.style.getPropertyValue('--svg-scale') || '1');
    return Math.abs(want - got) > 0.01 ? [svg.closest('[data-widget]').id + ': ' + got + ' for ' + want.toFixed(3)] : [];
  })`);

/**
 * Rows of a widget's controls whose fields do not line up: fields side by side (their boxes overlap vertically)
 * whose labels start at different heights. Named by the widget and the labels with their tops.
 */
export const unalignedFields = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    for (const group of document.querySelectorAll('.widget-controls')) {
      const fields = [...group.children].filter((child) => child.matches('.field') && child.getBoundingClientRect().height > 0)
        .map((field) => ({ field, box: field.getBoundingClientRect(), label: field.querySelector(':scope > label') }))
        .filter(({ label }) => label);
      const rows = [];
      for (const item of fields) {
        const row = rows.find((r) => r.some((other) => item.box.top < other.box.bottom - 4 && item.box.bottom > other.box.top + 4));
        if (row) row.push(item);
        else rows.push([item]);
      }
      for (const row of rows) {
        const tops = row.map(({ label }) => Math.round(label.getBoundingClientRect().top));
        if (Math.max(...tops) - Math.min(...tops) > 2) out.push((group.closest('[id]')?.id ?? '?') + ': ' + row.map(({ label }, i) => label.textContent.trim() + ' ' + tops[i]).join(', '));
      }
    }
    return out.slice(0, 10);
  })()`);
