import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';
import { expectNoBrokenNumbers } from '../support/widgets';
import { bracketsEndingLines, brokenCellFormulas, collidingLabels, cutCaptions, overflowing, punctuationStartingLines, scrollingFormulas, scrollingTables, smallSliders, smallTargets, smallText } from './phone';
import { clippedFocusRings, shownThoughHidden, staleTextScales, unalignedFields, unpaintedMarkers } from './seen';

/**
 * The page checks of pages.ts report what is wrong as a list, and every page must give an empty one: so each check is
 * shown here to find one planted problem of its kind (on the 404 page, at 360 px), or an empty list would mean nothing;
 * likewise the widget tests' expectNoBrokenNumbers.
 */

/** The 404 page on a phone with `html` added to its main content. */
async function planted(html: string): Promise<Page> {
  const { page } = await openPage('no-such-page/', { allowErrors: /404/, viewport: { width: 360, height: 780 } });
  await page.evaluate((markup) => document.querySelector('main')!.insertAdjacentHTML('beforeend', markup), html);
  return page;
}

/** A formula as KaTeX writes it (its TeX in the MathML's annotation), around the given HTML boxes. */
const formula = (tex: string, boxes: string) =>
  `<span class="katex"><span class="katex-mathml"><math><semantics><mrow></mrow><annotation encoding="application/x-tex">${tex}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">${boxes}</span></span>`;

describeInBrowser('the page checks find what they look for', () => {
  useBrowser();

  it('overflowing: a box wider than the phone', async () => {
    const page = await planted('<div id="planted" style="width: 500px">wide</div>');
    expect(await overflowing(page)).toEqual(expect.arrayContaining(['div#planted.']));
  });

  it('smallText: text under 12 px', async () => {
    const page = await planted('<p class="planted" style="font-size: 10px">tiny words</p>');
    expect(await smallText(page)).toEqual(['p.planted 10.0 px: tiny words']);
  });

  it('smallSliders: a slider too small to drag', async () => {
    const page = await planted('<input type="range" id="planted-slider" aria-label="planted" style="width: 100px; height: 20px; min-height: 0">');
    // The site's rules widen it (it is still too low to press).
    expect(await smallSliders(page)).toEqual([expect.stringMatching(/^planted-slider \d+×20$/)]);
  });

  it('smallTargets: a button too small to press', async () => {
    const page = await planted('<button type="button" style="width: 20px; height: 20px; min-width: 0; min-height: 0; padding: 0">x</button>');
    expect(await smallTargets(page)).toEqual(['page: button "x" 20×20']);
  });

  it('scrollingTables: a table wider than its scrolling box', async () => {
    const page = await planted('<div style="overflow-x: auto" aria-label="planted scroller"><table style="width: 900px"><tr><th>head</th></tr></table></div>');
    expect(await scrollingTables(page)).toEqual(['prose: planted scroller']);
  });

  it('cutCaptions: a caption centred over a table wider than the phone', async () => {
    const page = await planted('<div style="overflow-x: auto"><table style="width: 900px"><caption style="white-space: nowrap">A planted caption for a table far too wide</caption><tr><td>x</td></tr></table></div>');
    expect(await cutCaptions(page)).toEqual(['A planted caption for a table far too wi']);
  });

  it('scrollingFormulas: a display formula wider than its block', async () => {
    const page = await planted(`<div class="katex-display">${formula('x = 1', '<span style="display: inline-block; width: 900px">wide</span>')}</div>`);
    expect(await scrollingFormulas(page)).toEqual(['x = 1']);
  });

  it('brokenCellFormulas: a formula in a table cell set on two lines', async () => {
    const boxes = '<span class="base" style="display: inline-block; width: 25px">a+</span><span class="base" style="display: inline-block; width: 25px">b</span>';
    const page = await planted(`<table><tr><td style="width: 30px; max-width: 30px">${formula('a+b', boxes)}</td></tr></table>`);
    expect(await brokenCellFormulas(page)).toEqual(['a+b']);
  });

  it('punctuationStartingLines: a line that starts with the comma after a formula', async () => {
    // A forced break stands in for the one Chrome may make after an inline block.
    const page = await planted(`<p>${formula('x', '<span class="base">x</span>')}<br>, then more</p>`);
    expect(await punctuationStartingLines(page)).toEqual([' | , then more']);
  });

  it('bracketsEndingLines: an opening bracket left at the end of a line, its formula on the next', async () => {
    const boxes = '<span class="base" style="display: inline-block; width: 100px">x²</span>';
    const page = await planted(`<p>some words then (${formula('x^2', boxes)}) and more</p>`);
    expect(await bracketsEndingLines(page)).toEqual([expect.stringMatching(/^x\^2 \| \d+ px$/)]);
  });

  it('collidingLabels: two plot labels on top of each other, and one running out of its plot', async () => {
    const page = await planted('<div data-widget id="planted-plot"><svg width="200" height="50"><text x="10" y="30">first</text><text x="14" y="30">second</text><text x="190" y="30">outside</text></svg></div>');
    expect(await collidingLabels(page)).toEqual(['planted-plot: "first" overlaps "second"', 'planted-plot: "outside" runs out of its plot']);
  });

  it('unalignedFields: two fields side by side whose labels start at different heights', async () => {
    // Narrow enough to sit side by side on a phone (the controls wrap onto new rows when they do not fit).
    const field = (label: string, style: string) => `<div class="field" style="min-width: 0; width: 120px; ${style}"><label for="planted-${label}">${label}</label><input id="planted-${label}" style="width: 100px"></div>`;
    const page = await planted(`<div class="widget-controls" id="planted-controls">${field('One', '')}${field('Two', 'padding-top: 20px')}</div>`);
    expect(await unalignedFields(page)).toEqual([expect.stringMatching(/^planted-controls: One \d+, Two \d+$/)]);
  });

  it('clippedFocusRings: a link whose focus ring its scrolling box cuts', async () => {
    const page = await planted('<div style="overflow: hidden; width: 200px"><a href="#top" style="display: block">planted link</a></div>');
    expect(await clippedFocusRings(page)).toEqual([expect.stringMatching(/^a\. planted link in div\./)]);
  });

  it('shownThoughHidden: a hidden element a rule shows all the same', async () => {
    const page = await planted('<p hidden style="display: block !important">planted</p>');
    expect(await shownThoughHidden(page)).toEqual([expect.stringMatching(/^<p hidden=""/)]);
  });

  it('unpaintedMarkers: a list item that may be skipped, so its marker is never painted', async () => {
    const page = await planted('<ul><li style="content-visibility: auto">planted item</li></ul>');
    expect(await unpaintedMarkers(page)).toEqual(['planted item']);
  });

  it('expectNoBrokenNumbers: NaN in text, in a field a widget filled in (typed text or not), in a slider\'s spoken value or a picture\'s name', async () => {
    // Each on a page of its own.
    const markups = [
      '<p>p = NaN</p>',
      '<input type="text" aria-label="planted" value="NaN">',
      '<input inputmode="decimal" aria-label="planted" value="NaN">',
      '<input type="range" aria-label="planted" aria-valuetext="k undefined">',
      '<svg role="img" aria-label="loss NaN at epoch 3"></svg>',
    ];
    for (const markup of markups) {
      const page = await planted(markup);
      await expect(expectNoBrokenNumbers(page), markup).rejects.toThrow();
    }
  });

  it('expectNoBrokenNumbers: not the reader\'s own rejected input, nor code', async () => {
    const page = await planted('<input type="text" aria-label="planted" aria-invalid="true" value="NaN"><pre>let x = undefined;</pre>');
    await expectNoBrokenNumbers(page);
  });

  it('staleTextScales: a drawing whose text is not scaled for its size on screen', async () => {
    const page = await planted('<div data-widget id="planted-drawing"><svg viewBox="0 0 1000 100" style="width: 200px"></svg></div>');
    expect(await staleTextScales(page)).toEqual(['planted-drawing: 1 for 5.000']);
  });
});
