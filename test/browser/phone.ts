/**
 * What a phone reader needs, measured in the page at 360 px with every widget started: nothing wider than the screen,
 * tables that fit, no text smaller than 12 px, sliders big enough to drag, controls big enough to press, plot labels
 * that do not collide. Page functions are passed as strings (tsx would wrap named functions in a helper the page does
 * not have).
 */
import type { Page } from 'playwright-core';
import { layOutSkippedBlocks } from '../support/skipped-blocks';

/**
 * Elements that stick out past the right edge of the page (and are not inside something that scrolls). Blocks that
 * wait for layout are laid out for the measure first, and left so (layOutSkippedBlocks): skipped, they would pass
 * unseen, and their paint containment would clip what sticks out.
 */
export const overflowing = async (page: Page): Promise<string[]> => {
  await layOutSkippedBlocks(page);
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push('document ' + document.documentElement.scrollWidth + ' px wide');
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      let clipped = false;
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible' && parent.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
      }
      if (!clipped) out.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + '.' + [...element.classList].join('.'));
    }
    return out.slice(0, 10);
  })()`);
};

/**
 * Visible text drawn smaller than 12 px (SVG text at its rendered size). KaTeX's second-level scripts (a subscript's
 * subscript, class mtight) are left out: math typesetting draws them at half the size of the text by design.
 */
export const smallText = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const element = node.parentElement;
      if (!element || seen.has(element) || !node.textContent.replace(/\\u200b/g, '').trim()) continue;
      seen.add(element);
      if (element.closest('script, style, template, .sr-only, .katex-mathml, [hidden], .mtight')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let size = parseFloat(getComputedStyle(element).fontSize);
      const svg = element instanceof SVGElement ? element.closest('svg') : null;
      if (svg) size *= svg.getScreenCTM().a;
      if (size < 11.95) out.push(element.tagName.toLowerCase() + '.' + (element.getAttribute('class') || '') + ' ' + size.toFixed(1) + ' px: ' + node.textContent.trim().slice(0, 24));
    }
    return out.slice(0, 10);
  })()`);

/**
 * Formulas in table cells set on more than one line (by their TeX): a cell squeezed to its narrowest breaks a sum at
 * every operator. Skipped blocks are laid out for the measure first.
 */
export const brokenCellFormulas = async (page: Page): Promise<string[]> => {
  await layOutSkippedBlocks(page);
  return page.evaluate(`[...document.querySelectorAll(':is(td, th) .katex-html')]
    // A new line starts no further right than the box before it started (each box on one line has some width).
    .filter((html) => [...html.querySelectorAll(':scope > .base')].map((base) => base.getBoundingClientRect().left).some((left, i, lefts) => i > 0 && left <= lefts[i - 1]))
    .map((html) => html.closest('.katex').querySelector('annotation')?.textContent ?? '')`);
};

/**
 * Table captions whose text runs past the edge of the box that scrolls the table: a caption spans its table, and over
 * a table wider than the phone its lines were centred on the whole width, half of them out of view. By the caption's
 * first words.
 */
export const cutCaptions = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => [...document.querySelectorAll('caption:not(.sr-only)')]
    .filter((caption) => {
      let scroller = caption.closest('table');
      while (scroller.parentElement && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
      const edge = scroller.getBoundingClientRect();
      if (edge.width === 0) return false;
      const range = document.createRange();
      range.selectNodeContents(caption);
      return [...range.getClientRects()].some((line) => line.width > 0 && (line.left < edge.left - 1 || line.right > edge.left + scroller.clientWidth + 1));
    })
    .map((caption) => caption.textContent.trim().slice(0, 40)))()`);

/** Range sliders smaller than a finger: under 44 px tall or under 150 px wide. */
export const smallSliders = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => [...document.querySelectorAll('input[type="range"]')]
    .filter((slider) => slider.getBoundingClientRect().width > 0)
    .map((slider) => ({ id: slider.id, box: slider.getBoundingClientRect() }))
    .filter(({ box }) => box.height < 44 || box.width < 150)
    .map(({ id, box }) => id + ' ' + Math.round(box.width) + '×' + Math.round(box.height)))()`);

/**
 * Display formulas wider than their block (they scroll sideways), by the start of their TeX source; a formula
 * counts once it is more than 2 px too wide. Skipped formulas (content-visibility) are laid out for the measure.
 */
export const scrollingFormulas = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => [...document.querySelectorAll('.katex-display')]
    .filter((display) => { display.style.contentVisibility = 'visible'; return display.scrollWidth - display.clientWidth > 2; })
    .map((display) => (display.querySelector('annotation')?.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 40).trimEnd()))()`);

/**
 * Lines that start with a full stop, comma or other closing punctuation: the browser may break between a formula
 * (inline blocks) and the punctuation after it. Named by the formula's TeX (or the element's text) and the punctuation.
 */
export const punctuationStartingLines = async (page: Page): Promise<string[]> => {
  await layOutSkippedBlocks(page);
  return page.evaluate(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const before = node.previousSibling;
      if (!(before instanceof Element) || !/^[.,;:!?)\\]’”…]/.test(node.textContent) || node.parentElement.closest('pre, code, .katex')) continue;
      // A closed <details> shows only its summary: what it hides has no lines to read until it opens.
      const closed = node.parentElement.closest('details:not([open])');
      if (closed && !node.parentElement.closest('summary')) continue;
      const rects = before.getClientRects();
      if (rects.length === 0) continue;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 1);
      if (range.getBoundingClientRect().top < rects[rects.length - 1].bottom - 2) continue;
      const name = before.querySelector('annotation')?.textContent ?? before.textContent;
      out.push(name.replace(/\\s+/g, ' ').trim().slice(0, 30) + ' | ' + node.textContent.slice(0, 12));
    }
    return out.slice(0, 10);
  })()`);
};

/**
 * Formulas that some width of their paragraph puts at the start of a line with the opening bracket before them left
 * at the end of the line above: each such formula's block is narrowed from 120 to 700 px in 4 px steps (at any one
 * width the break is rare; across widths Chrome made it before every such formula of the chapters, at 17 to 31
 * of the widths 3 px apart from 120 to 700 px). Named by the formula's TeX and the first width that broke.
 */
export const bracketsEndingLines = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    for (const formula of document.querySelectorAll('main .katex')) {
      const text = formula.previousSibling;
      if (!text || text.nodeType !== Node.TEXT_NODE || !/[(\\[‘“]$/.test(text.textContent)) continue;
      const block = formula.parentElement.closest('p, li, dd, td, th, figcaption, summary');
      const first = formula.querySelector('.katex-html > .base, .katex-html > * > .base');
      if (!block || !first) continue;
      const style = block.getAttribute('style');
      block.style.contentVisibility = 'visible';
      const bracket = document.createRange();
      bracket.setStart(text, text.textContent.length - 1);
      bracket.setEnd(text, text.textContent.length);
      for (let width = 120; width <= 700; width += 4) {
        block.style.width = width + 'px';
        if (first.getBoundingClientRect().top < bracket.getBoundingClientRect().bottom - 2) continue;
        out.push((formula.querySelector('annotation')?.textContent ?? '').slice(0, 30) + ' | ' + width + ' px');
        break;
      }
      if (style === null) block.removeAttribute('style');
      else block.setAttribute('style', style);
    }
    return out.slice(0, 10);
  })()`);

/**
 * Controls a finger cannot hit reliably: smaller than 44 × 44 px (a checkbox or radio button measured by its label,
 * which is what takes the press). Points on a plot are left out: a press anywhere on their plot moves them.
 */
export const smallTargets = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => [...document.querySelectorAll('button, select, textarea, summary, input:not([type=hidden])')].flatMap((control) => {
    const target = control.matches('[type=checkbox], [type=radio]') ? control.closest('label') ?? control : control;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(control).visibility === 'hidden' || (box.width >= 44 && box.height >= 44)) return [];
    const name = control.getAttribute('aria-label') || target.textContent.trim() || control.name || control.type;
    return [(control.closest('[data-widget]')?.id ?? 'page') + ': ' + control.tagName.toLowerCase() + ' "' + name.slice(0, 30) + '" ' + Math.round(box.width) + '×' + Math.round(box.height)];
  }).slice(0, 10))()`);

/**
 * Tables wider than the box they scroll in, by more than 2 px: each named by its widget (or "prose") and its caption,
 * the label of its scrolling box, or its first header cell. Skipped blocks (content-visibility) are laid out for the
 * measure.
 */
export const scrollingTables = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => [...document.querySelectorAll('table')].flatMap((table) => {
    for (let el = table; el; el = el.parentElement) if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible';
    let box = table;
    while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    if (!box || box.scrollWidth - box.clientWidth <= 2) return [];
    const name = table.caption?.textContent || box.getAttribute('aria-label') || table.querySelector('th')?.textContent || '';
    return [(table.closest('[data-widget]')?.id ?? 'prose') + ': ' + name.replace(/\\s+/g, ' ').trim().slice(0, 40).trimEnd()];
  }))()`);

/**
 * Plot labels that collide: two texts of one widget's SVG whose boxes overlap by more than 2 px both ways (a font box
 * reaches a little above and below its glyphs), or a text that runs out of its SVG. Labels grow to 12 px on a phone
 * (components/lib/readable-svg.ts), so a plot laid out for a desktop can collide there.
 */
export const collidingLabels = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    for (const svg of document.querySelectorAll('[data-widget] svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      const where = svg.closest('[data-widget]').id + ': ';
      const labels = [...svg.querySelectorAll('text')]
        .filter((text) => text.textContent.trim() && getComputedStyle(text).visibility !== 'hidden')
        .map((text) => ({ text: text.textContent.trim(), rect: text.getBoundingClientRect() }))
        .filter(({ rect }) => rect.width > 0);
      labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
        const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (across > 2 && down > 2) out.push(where + '"' + a.text + '" overlaps "' + b.text + '"');
      }));
      for (const { text, rect } of labels) {
        if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1) out.push(where + '"' + text + '" runs out of its plot');
      }
    }
    return out.slice(0, 10);
  })()`);
