import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, typeInto, urlParam, urlWritten } from '../support/widgets';

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
/** A number shown on the page, its unit ("bits") dropped. */
const number = async (page: Page, selector: string) => Number((await text(page, selector)).replace('−', '-').replace(/ bits?$/, ''));
const M = '#entropy-meter';
const B = '#binary-entropy';
const C = '#code-builder';
const bits = (page: Page) => number(page, `${M} [data-role="bits"]`);
const preset = (page: Page, widget: string, value: string, editor = 0) => page.locator(`${widget} .num-rows`).nth(editor).getByRole('combobox', { name: 'Preset' }).selectOption(value);

describeInBrowser('information: the entropy meter', () => {
  useBrowser();

  it('shows H(½, ¼, ⅛, ⅛) = 1.75 bits = 1.213 nats', async () => {
    const { page } = await openPage('entropy/');
    expect(await bits(page)).toBe(1.75);
    expect(await number(page, `${M} [data-role="nats"]`)).toBe(1.213);
  });

  it('presets: certain is 0 bits, uniform over five is log₂ 5', async () => {
    const { page } = await openPage('entropy/');
    await preset(page, M, 'certain5');
    expect(await bits(page)).toBe(0);
    expect(await page.locator(`${M} .num-row`).count()).toBe(5);
    await preset(page, M, 'uniform5');
    expect(await bits(page)).toBe(2.322);
    expect(await text(page, `${M} [data-role="ceiling-text"]`)).toContain('100% of that');
  });

  it('typed weights are normalised: (1, 1, 2, 0, 0) is (¼, ¼, ½) → 1.5 bits, with 0 · log 0 = 0', async () => {
    const { page } = await openPage('entropy/');
    await preset(page, M, 'uniform5');
    for (const [i, w] of ['1', '1', '2', '0', '0'].entries()) await typeInto(page, `#entropy-meter-p-w${i}`, w);
    expect(await bits(page)).toBe(1.5);
    expect(await text(page, `${M} [data-role="table"]`)).toContain('0 (0 · log 0 = 0)');
    await urlParam(page, 'entropy-meter.p').toBe('1,1,2,0,0');
  });

  it('a bad weight is explained beside it and dims the last good result', async () => {
    const { page } = await openPage('entropy/');
    await typeInto(page, '#entropy-meter-p-w2', '-3');
    expect(await page.locator('#entropy-meter-p-w2-error').textContent()).toMatch(/between 0 and 1000/);
    expect(await isStale(page, M)).toBe(true);
    expect(await bits(page)).toBe(1.75);
    await typeInto(page, '#entropy-meter-p-w2', '2');
    expect(await isStale(page, M)).toBe(false);
  });

  it('all-zero weights: the compute error is shown, not thrown', async () => {
    const { page } = await openPage('entropy/');
    for (let i = 0; i < 4; i++) await typeInto(page, `#entropy-meter-p-w${i}`, '0');
    expect(await text(page, `${M} [data-role="message"]`)).toMatch(/not all be 0/);
    expect(await isStale(page, M)).toBe(true);
    await expectNoBrokenNumbers(page);
    await page.locator(M).getByRole('button', { name: 'Normalise' }).click();
    expect(await text(page, `${M} [data-role="message"]`)).toMatch(/not all be 0/);
  });

  it('each weight is a slider the keyboard moves', async () => {
    const { page } = await openPage('entropy/');
    await page.locator(M).getByRole('slider', { name: 'a: slider' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#entropy-meter-p-w0')).toBe('0.51');
  });

  it('renaming is text only, and a name survives the link', async () => {
    const { page } = await openPage('entropy/');
    await typeInto(page, '#entropy-meter-p-w0-name', '<b>x</b>');
    expect(await text(page, `${M} [data-role="table"] th`)).toBe('<b>x</b>'.slice(0, 12));
    expect(await page.locator(`${M} [data-role="table"] b`).count()).toBe(0);
    await urlWritten(page);
    await reloadPage(page);
    expect(await page.inputValue('#entropy-meter-p-w0-name')).toBe('<b>x</b>');
  });

  it('adds and removes outcomes', async () => {
    const { page } = await openPage('entropy/');
    await page.locator(M).getByRole('button', { name: 'Add an outcome' }).click();
    expect(await page.locator(`${M} .num-row`).count()).toBe(5);
    await page.locator(M).getByRole('button', { name: 'Remove the last outcome' }).click();
    expect(await page.locator(`${M} .num-row`).count()).toBe(4);
  });

  it('a shared link restores the editor: ?entropy-meter.p=1,1,2 is (¼, ¼, ½) = 1.5 bits', async () => {
    const { page } = await openPage('entropy/?entropy-meter.p=1,1,2');
    expect(await page.locator(`${M} .num-row`).count()).toBe(3);
    expect(await page.inputValue('#entropy-meter-p-w2')).toBe('2');
    expect(await bits(page)).toBe(1.5);
  });
});

describeInBrowser('information: the entropy of a coin', () => {
  useBrowser();
  const h = (page: Page) => number(page, `${B} [data-role="h"]`);

  it('the point moves with the keyboard: 0 at b = 0, 1 bit at b = 0.5', async () => {
    const { page } = await openPage('entropy/');
    expect(await h(page)).toBe(0.469);
    await page.locator(B).getByRole('slider', { name: 'Probability of heads b' }).focus();
    await page.keyboard.press('Home');
    expect(await h(page)).toBe(0);
    for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
    expect(await h(page)).toBe(1);
    expect(await page.getAttribute(`${B} [data-role="point"]`, 'aria-valuenow')).toBe('0.5');
    await page.keyboard.press('ArrowLeft');
    expect(await page.inputValue('#binary-entropy-b')).toBe('0.49');
  });

  it('a press on the plot moves the point there', async () => {
    const { page } = await openPage('entropy/');
    await page.locator(`${B} svg`).scrollIntoViewIfNeeded();
    const box = (await page.locator(`${B} svg`).boundingBox())!;
    await page.mouse.move(box.x + box.width * ((44 + 0.25 * 300) / 360), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    expect(Number(await page.inputValue('#binary-entropy-b'))).toBeCloseTo(0.25, 1);
    await urlParam(page, 'binary-entropy.b').toBe(await page.inputValue('#binary-entropy-b'));
  });

  it('a probability above 1 is explained', async () => {
    const { page } = await openPage('entropy/');
    await typeInto(page, '#binary-entropy-b', '1.5');
    expect(await page.locator('#binary-entropy-b-error').textContent()).toMatch(/between 0 and 1/);
    expect(await isStale(page, B)).toBe(true);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('information: building the shortest code', () => {
  useBrowser();

  it('shows the Huffman code as a table and a tree, and ℓ̄ against H', async () => {
    const { page } = await openPage('entropy/');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('ℓ̄ = 2.45 bits');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('H ≤ ℓ̄ < H + 1');
    expect(await page.locator(`${C} [data-role="tree"] .tree-leaf`).count()).toBe(6);
    expect(await page.locator(`${C} [data-role="table"] tr td:nth-child(3)`).allInnerTexts()).toEqual(['11', '01', '101', '100', '001', '000']);
  });

  it('on a phone the encoded bits wrap between codewords, never inside one', async () => {
    const { page } = await openPage('entropy/', { viewport: { width: 360, height: 800 } });
    await page.locator(`${C} [data-role="bits"]`).scrollIntoViewIfNeeded();
    const split = await page.locator(`${C} [data-role="bits"]`).evaluate((bits) => {
      const node = bits.firstChild!;
      const words = [...node.textContent!.matchAll(/\S+/g)];
      return words.flatMap((word) => {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1 ? [word[0]] : [];
      });
    });
    expect(split).toEqual([]);
  });

  it('draws new sample messages, of any length', async () => {
    const { page } = await openPage('entropy/');
    const first = await text(page, `${C} [data-role="message-summary"]`);
    await page.locator(C).getByRole('button', { name: 'Draw a new message' }).click();
    expect(await text(page, `${C} [data-role="message-text"]`)).toContain('(sample 2)');
    expect(await text(page, `${C} [data-role="message-summary"]`)).not.toBe(first);
    await typeInto(page, '#code-builder-n', '1000');
    expect(await text(page, `${C} [data-role="message-summary"]`)).toMatch(/Expected ℓ̄ × length = 2450 bits/);
    await typeInto(page, '#code-builder-n', '0');
    expect(await page.locator('#code-builder-n-error').textContent()).toMatch(/between 1 and 5000/);
  });

  it('dyadic probabilities give ℓ̄ = H exactly; a certain outcome needs no bits', async () => {
    const { page } = await openPage('entropy/');
    await preset(page, C, 'dyadic');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('with ℓ̄ = H exactly');
    await preset(page, C, 'certain5');
    expect(await text(page, `${C} [data-role="summary"]`)).toContain('ℓ̄ = 0 bits');
    expect(await text(page, `${C} [data-role="table"]`)).toContain('none (always this)');
    expect(await text(page, `${C} [data-role="table"]`)).toContain('none (never sent)');
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('information: p against q', () => {
  useBrowser();
  const W = '#cross-entropy-pq';

  it("the seed's dog / cat / cup example: 1 bit one way, infinite the other", async () => {
    const { page } = await openPage('cross-entropy/');
    expect(await number(page, `${W} [data-role="h"]`)).toBe(0);
    expect(await number(page, `${W} [data-role="d"]`)).toBe(1);
    expect(await number(page, `${W} [data-role="ce"]`)).toBe(1);
    expect(await page.locator(`${W} [data-role="directions"] .bar-value`).allInnerTexts()).toEqual(['1 bit', '∞ bits']);
  });

  it('an infinite cross-entropy is explained in words', async () => {
    const { page } = await openPage('cross-entropy/');
    await preset(page, W, 'prediction', 0);
    await preset(page, W, 'truth', 1);
    expect(await text(page, `${W} [data-role="ce"]`)).toBe('∞ bits');
    expect(await text(page, `${W} [data-role="infinite"]`)).toMatch(/q gives probability 0 to “cat”, “cup”/);
  });

  it('adding an outcome to p adds it to q too', async () => {
    const { page } = await openPage('cross-entropy/');
    await page.locator(W).getByRole('button', { name: 'Add an outcome' }).click();
    expect(await page.locator(`${W} .num-rows`).nth(1).locator('.num-row').count()).toBe(4);
    await urlParam(page, 'cross-entropy-pq.q').toMatch(/^0\.5,0\.3,0\.2,/);
    await expectNoBrokenNumbers(page);
  });

  it('a link with two lengths follows p', async () => {
    const { page } = await openPage('cross-entropy/?cross-entropy-pq.p=1,1&cross-entropy-pq.q=1,2,3');
    expect(await page.locator(`${W} .num-rows`).nth(1).locator('.num-row').count()).toBe(2);
    expect(await text(page, `${W} [data-role="message"]`)).toBe('');
  });

  it('on the KL page the placement sets the start state (not the defaults), and KL is not symmetric', async () => {
    const { page } = await openPage('kl-divergence/');
    expect(await page.locator('#kl-pq .num-rows').nth(0).locator('.num-row-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['heads', 'tails']);
    expect(await page.locator('#kl-pq [data-role="directions"] .bar-value').allInnerTexts()).toEqual(['0.531 bits', '0.737 bits']);
  });
});

describeInBrowser('information: cross-entropy and KL have one gradient', () => {
  useBrowser();
  const S = '#same-gradient';

  it('both gradients agree with q − p', async () => {
    const { page } = await openPage('kl-divergence/');
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
  });

  it('mismatched lengths are explained; a bad logit beside its field replaces that message', async () => {
    const { page } = await openPage('kl-divergence/');
    await page.locator(S).getByRole('button', { name: 'Add an outcome' }).click();
    expect(await text(page, `${S} [data-role="message"]`)).toMatch(/one logit per outcome: p has 4 outcomes, z has 3/);
    expect(await isStale(page, S)).toBe(true);
    await typeInto(page, '#same-gradient-z', '0.5, 1, 99, 2');
    expect(await page.locator('#same-gradient-z-error').textContent()).toMatch(/between -30 and 30/);
    expect(await text(page, `${S} [data-role="message"]`)).toBe('');
    await typeInto(page, '#same-gradient-z', '0.5, 1, -0.5, 2');
    expect(await isStale(page, S)).toBe(false);
    expect(await text(page, `${S} [data-role="message"]`)).toBe('');
    await expectNoBrokenNumbers(page);
  });
});
