import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';
import { expectNoBrokenNumbers, isStale, typeInto, urlParam } from '../support/widgets';

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const number = async (page: Page, selector: string) => Number((await text(page, selector)).replace('−', '-'));

describeInBrowser('information theory widgets', () => {
  useBrowser();

  it('entropy meter: values, presets, typing, keyboard, renaming, all-zero weights, URL state', async () => {
    const { page, consoleErrors } = await openPage('entropy/');
    const M = '#entropy-meter';
    expect(await number(page, `${M} [data-role="bits"]`)).toBe(1.75);
    expect(await number(page, `${M} [data-role="nats"]`)).toBe(1.213);

    await page.locator(M).getByRole('combobox', { name: 'Preset' }).selectOption( 'certain5');
    expect(await number(page, `${M} [data-role="bits"]`)).toBe(0);
    expect(await page.locator(`${M} .num-row`).count()).toBe(5);
    await page.locator(M).getByRole('combobox', { name: 'Preset' }).selectOption( 'uniform5');
    expect(await number(page, `${M} [data-role="bits"]`)).toBe(2.322);
    expect(await text(page, `${M} [data-role="ceiling-text"]`)).toContain('100% of that');

    // Weights are normalised: (1, 1, 2, 0, 0) is (¼, ¼, ½) → 1.5 bits.
    for (const [i, w] of ['1', '1', '2', '0', '0'].entries()) await typeInto(page, `#entropy-meter-p-w${i}`, w);
    expect(await number(page, `${M} [data-role="bits"]`)).toBe(1.5);
    expect(await text(page, `${M} [data-role="table"]`)).toContain('0 (0 · log 0 = 0)');
    await urlParam(page, 'entropy-meter.p').toBe('1,1,2,0,0');

    // A bad weight: inline message, stale result, nothing broken.
    await typeInto(page, '#entropy-meter-p-w2', '-3');
    expect(await page.locator('#entropy-meter-p-w2-error').textContent()).toMatch(/between 0 and 1000/);
    expect(await isStale(page, M)).toBe(true);
    expect(await number(page, `${M} [data-role="bits"]`)).toBe(1.5);
    await typeInto(page, '#entropy-meter-p-w2', '2');
    expect(await isStale(page, M)).toBe(false);

    // All weights zero: the compute RangeError is shown, not thrown.
    for (let i = 0; i < 3; i++) await typeInto(page, `#entropy-meter-p-w${i}`, '0');
    expect(await text(page, `${M} [data-role="message"]`)).toMatch(/not all be 0/);
    expect(await isStale(page, M)).toBe(true);
    await expectNoBrokenNumbers(page);

    // Keyboard: the bar is a slider.
    await page.locator(M).getByRole('slider', { name: 'a: slider' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#entropy-meter-p-w0')).toBe('0.01');
    expect(await number(page, `${M} [data-role="bits"]`)).toBe(0);

    // Renaming is text only: markup in a name is shown, not parsed.
    await typeInto(page, '#entropy-meter-p-w0-name', '<b>x</b>');
    expect(await text(page, `${M} [data-role="table"] th`)).toBe('<b>x</b>'.slice(0, 12));
    expect(await page.locator(`${M} [data-role="table"] b`).count()).toBe(0);

    // Add / remove outcomes.
    await page.locator(M).getByRole('button', { name: 'Add an outcome' }).click();
    expect(await page.locator(`${M} .num-row`).count()).toBe(6);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a shared link restores the editor: ?entropy-meter.p=1,1,2 is (¼, ¼, ½) = 1.5 bits', async () => {
    const { page, consoleErrors } = await openPage('entropy/?entropy-meter.p=1,1,2');
    expect(await page.locator('#entropy-meter .num-row').count()).toBe(3);
    expect(await page.inputValue('#entropy-meter-p-w2')).toBe('2');
    expect(await number(page, '#entropy-meter [data-role="bits"]')).toBe(1.5);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('binary entropy: keyboard on the point, dragging, typing, bad input', async () => {
    const { page, consoleErrors } = await openPage('entropy/');
    const B = '#binary-entropy';
    expect(await number(page, `${B} [data-role="h"]`)).toBe(0.469);
    await page.focus(`${B} [data-role="point"]`);
    await page.keyboard.press('Home');
    expect(await number(page, `${B} [data-role="h"]`)).toBe(0);
    for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
    expect(await number(page, `${B} [data-role="h"]`)).toBe(1);
    expect(await page.getAttribute(`${B} [data-role="point"]`, 'aria-valuenow')).toBe('0.5');
    await page.keyboard.press('ArrowLeft');
    expect(await page.inputValue('#binary-entropy-b')).toBe('0.49');

    // Drag: press at the left quarter of the plotting area.
    const box = (await page.locator(`${B} svg`).boundingBox())!;
    const x = box.x + box.width * ((44 + 0.25 * 300) / 360);
    await page.mouse.move(x, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    expect(Number(await page.inputValue('#binary-entropy-b'))).toBeCloseTo(0.25, 1);
    await urlParam(page, 'binary-entropy.b').toBe(await page.inputValue('#binary-entropy-b'));

    await typeInto(page, '#binary-entropy-b', '1.5');
    expect(await page.locator('#binary-entropy-b-error').textContent()).toMatch(/between 0 and 1/);
    expect(await isStale(page, B)).toBe(true);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('code builder: Huffman table and tree, L vs H, sample messages, bad input', async () => {
    const { page, consoleErrors } = await openPage('entropy/');
    const C = '#code-builder';
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('L = 2.45 bits');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('H ≤ L < H + 1');
    expect(await page.locator(`${C} [data-role="tree"] .tree-leaf`).count()).toBe(6);
    const codes = await page.locator(`${C} [data-role="table"] tr td:nth-child(3)`).allInnerTexts();
    expect(codes).toEqual(['11', '01', '101', '100', '001', '000']);

    const first = await text(page, `${C} [data-role="message-summary"]`);
    await page.click(`${C} [data-action="resample"]`);
    expect(await text(page, `${C} [data-role="message-text"]`)).toContain('(sample 2)');
    expect(await text(page, `${C} [data-role="message-summary"]`)).not.toBe(first);
    await typeInto(page, '#code-builder-n', '1000');
    expect(await text(page, `${C} [data-role="message-summary"]`)).toMatch(/Expected L × length = 2450 bits/);
    await typeInto(page, '#code-builder-n', '0');
    expect(await page.locator('#code-builder-n-error').textContent()).toMatch(/between 1 and 5000/);
    await typeInto(page, '#code-builder-n', '200');

    await page.locator(C).getByRole('combobox', { name: 'Preset' }).selectOption( 'dyadic');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('with L = H exactly');
    await page.locator(C).getByRole('combobox', { name: 'Preset' }).selectOption( 'certain5');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('L = 0 bits');
    expect(await text(page, `${C} [data-role="table"]`)).toContain('none (always this)');
    expect(await text(page, `${C} [data-role="table"]`)).toContain('none (never sent)');
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("p vs q: the seed's dog / cat / cup example, infinities in words, editors kept in step", async () => {
    const { page, consoleErrors } = await openPage('cross-entropy/');
    const W = '#cross-entropy-pq';
    expect(await number(page, `${W} [data-role="h"]`)).toBe(0);
    expect(await number(page, `${W} [data-role="d"]`)).toBe(1);
    expect(await number(page, `${W} [data-role="ce"]`)).toBe(1);
    expect(await page.locator(`${W} [data-role="directions"] .bar-value`).allInnerTexts()).toEqual(['1 bit', '∞ bits']);

    // Swap roles: p = the prediction, q = one-hot → infinite, explained in words.
    await page.locator(`${W} .num-rows`).nth(0).getByRole('combobox', { name: 'Preset' }).selectOption('prediction');
    await page.locator(`${W} .num-rows`).nth(1).getByRole('combobox', { name: 'Preset' }).selectOption('truth');
    expect(await text(page, `${W} [data-role="ce"]`)).toBe('∞');
    expect(await text(page, `${W} [data-role="infinite"]`)).toMatch(/q gives probability 0 to “cat”, “cup”/);

    // Adding an outcome to p adds it to q too.
    await page.locator(W).getByRole('button', { name: 'Add an outcome' }).click();
    expect(await page.locator(`${W} .num-rows`).nth(1).locator('.num-row').count()).toBe(4);
    await urlParam(page, 'cross-entropy-pq.q').toMatch(/^1,0,0,/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('KL page: the placement props set the start state (not the widget defaults); asymmetry', async () => {
    const { page, consoleErrors } = await openPage('kl-divergence/');
    const W = '#kl-pq';
    expect(await page.locator(`${W} .num-rows`).nth(0).locator('.num-row-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['heads', 'tails']);
    expect(await page.locator(`${W} [data-role="directions"] .bar-value`).allInnerTexts()).toEqual(['0.531 bits', '0.737 bits']);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('same gradient: CE and KL gradients agree with q − p; mismatched lengths are explained', async () => {
    const { page, consoleErrors } = await openPage('kl-divergence/');
    const S = '#same-gradient';
    const rows = await page.locator(`${S} [data-role="table"] tr`).evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent!.replace('−', '-').replace(/×10(.*)/, '')))),
    );
    expect(rows).toHaveLength(3);
    for (const [, , ce, kl, analytic] of rows) {
      expect(ce).toBeCloseTo(analytic!, 5);
      expect(kl).toBeCloseTo(analytic!, 5);
    }
    expect(rows[0]![4]).toBeCloseTo(-0.368501, 5); // softmax(0.5, 1, −0.5)₁ − 0.7
    expect(await text(page, `${S} [data-role="values"]`)).toMatch(/differ by 0\.8018/);

    await page.locator(S).getByRole('button', { name: 'Add an outcome' }).click();
    expect(await text(page, `${S} [data-role="message"]`)).toMatch(/one logit per outcome: p has 4 outcomes, z has 3/);
    expect(await isStale(page, S)).toBe(true);
    await typeInto(page, '#same-gradient-z', '0.5, 1, -0.5, 2');
    expect(await isStale(page, S)).toBe(false);
    expect(await text(page, `${S} [data-role="message"]`)).toBe('');
    await typeInto(page, '#same-gradient-z', '0.5, 1, 99, 2');
    expect(await page.locator('#same-gradient-z-error').textContent()).toMatch(/between -30 and 30/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
