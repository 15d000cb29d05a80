import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { convStack, effectiveReceptiveField } from '../../src/compute';
import { formatNumber } from '../../components/lib/format';
import { describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, startAllWidgets, startWidget, typeInto, urlParam, urlWritten } from '../support/widgets';
import { staleTextScales } from './seen';

const ERF = '#erf-depth';
const LAB = '#cnn-lab';
const summary = (page: Page) => page.locator(`${ERF} [data-role="summary"]`).innerText();
/** Waits for the worker's answer to the latest change (the summary names the depth it is about). */
const answered = (page: Page, pattern: RegExp) => expect.poll(() => summary(page), { timeout: 20_000 }).toMatch(pattern);

describeInBrowser('receptive fields: depth versus reach', () => {
  useBrowser();
  const opened = async (path = 'receptive-field/') => {
    const watched = await openPage(path);
    await startWidget(watched.page, ERF);
    return watched;
  };

  it('ten uniform 3×3 layers: spread √(10·8/12) = 2.58 exactly, 95% within 13×13 of the 21×21 field', async () => {
    const { page } = await opened();
    await answered(page, /^10 layers of 3×3: the theoretical field is 21×21 pixels\. The gradient’s spread is 2\.58 pixels per axis \(exactly √\(n·d²·\(k²−1\)\/12\) = 2\.58 for uniform kernels\), and 95% of it lies in the central 13×13 square: 62% of the field’s side\.$/);
    // One point per depth 1, 2, 3, 4, 6, 8 and 10, each the compute package's figure.
    const rows = await page.locator(`${ERF} [data-role="table"] tr`).evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '6', '8', '10']);
    expect(rows[3]![1]).toBe(formatNumber(effectiveReceptiveField(convStack({ depth: 4, kernel: 3, weights: 'uniform', inputSize: 29 })).std[0], 4));
    expect(await page.locator(`${ERF} [data-role="plot"] circle`).count()).toBe(7);
  });

  it('forty layers by keyboard: the field grows to 81 pixels, the spread only to 5.16', async () => {
    const { page } = await opened();
    await page.locator(ERF).getByRole('slider', { name: 'Layers n, slider' }).focus();
    await page.keyboard.press('End');
    await answered(page, /^40 layers of 3×3: the theoretical field is 81×81 pixels\. The gradient’s spread is 5\.16 pixels.*central 23×23 square: 28% of the field’s side\.$/);
    await urlParam(page, 'erf-depth.depth').toBe('40');
  });

  it('random weights with ReLU, stride and dilation: measured against the law, and the state survives its link', async () => {
    const { page } = await opened();
    await page.locator(ERF).getByRole('radio', { name: 'random (PyTorch’s default)' }).check();
    await page.locator(ERF).getByRole('checkbox', { name: 'ReLU between layers' }).check();
    await typeInto(page, '#erf-depth-strided', '2');
    await typeInto(page, '#erf-depth-dilation', '2');
    const stack = convStack({ depth: 10, kernel: 3, weights: 'random', relu: true, strided: 2, dilation: 2, seed: 1 });
    const erf = effectiveReceptiveField(stack, { samples: 16, seed: 1 });
    await answered(page, new RegExp(`^10 layers of 3×3: the theoretical field is ${erf.theoretical.rf[0]}×${erf.theoretical.rf[0]} pixels\\. The gradient’s spread is ${formatNumber((erf.std[0] + erf.std[1]) / 2, 3).replace('.', '\\.')} pixels per axis \\(against `));
    await urlWritten(page);
    await reloadPage(page);
    await startWidget(page, ERF);
    await answered(page, new RegExp(`field is ${erf.theoretical.rf[0]}×`));
    expect(await page.locator(ERF).getByRole('checkbox', { name: 'ReLU between layers' }).isChecked()).toBe(true);
  });

  it('a narrower window redraws the plots at their new width, their labels scaled for it', async () => {
    const { page } = await openPage('receptive-field/', { viewport: { width: 1280, height: 800 } });
    await startAllWidgets(page);
    await answered(page, /^10 layers/);
    expect(await staleTextScales(page)).toEqual([]);
    // The plots redraw from their width watchers, outside a render: each new viewBox must bring its own scale.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(() => page.locator(`${ERF} [data-role="plot"]`).getAttribute('viewBox')).toBe('0 0 294 260');
    expect(await staleTextScales(page)).toEqual([]);
  });

  it('a field wider than the chosen input says so', async () => {
    const { page } = await opened('receptive-field/?erf-depth.depth=20&erf-depth.dilation=4&erf-depth.size=32');
    await answered(page, /theoretical field is 161×161 pixels.*The theoretical field is wider than the 32-pixel input; the map shows the part inside it\.$/);
  });

  it('bad input is explained beside the field; the last map stays, dimmed', async () => {
    const { page } = await opened();
    await answered(page, /^10 layers/);
    await typeInto(page, '#erf-depth-depth', '41');
    expect(await page.locator('#erf-depth-depth-error').textContent()).toBe('The number of layers must be between 1 and 40.');
    expect(await isStale(page, ERF)).toBe(true);
    expect(await summary(page)).toMatch(/^10 layers/);
    await typeInto(page, '#erf-depth-dilation', '1.5');
    expect(await page.locator('#erf-depth-dilation-error').textContent()).toBe('The dilation must be a whole number.');
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('backpropagation: the effective receptive field before and after training', () => {
  useBrowser();

  it('measures the chosen unit on test digits with the starting and the trained weights', async () => {
    const { page } = await openPage('backpropagation/');
    await startWidget(page, LAB);
    await page.locator(`${LAB} [data-role="run"]`).click();
    await expect.poll(() => page.locator(`${LAB} [data-role="status"]`).innerText(), { timeout: 60_000 }).toMatch(/test accuracy/);
    await page.locator(`${LAB} [data-role="run"]`).click();
    expect(await page.locator(`${LAB} [data-role="erf-caption"]`).innerText()).toBe('Measure how much each pixel moves unit (4, 4) of conv2, with the starting weights and with the weights now.');
    await page.locator(LAB).getByRole('button', { name: 'Measure it' }).click();
    const caption = page.locator(`${LAB} [data-role="erf-caption"]`);
    await expect.poll(() => caption.innerText(), { timeout: 30_000 }).toMatch(/^Unit \(4, 4\) of conv2, averaged over 24 test digits and its \d+ channels; theoretical field 14×14\. Before training: spread \d+(\.\d+)? pixels, 95% within \d+×\d+; now: spread \d+(\.\d+)? pixels, 95% within \d+×\d+\.$/);
    const [before, after] = [...(await caption.innerText()).matchAll(/spread (\d+(?:\.\d+)?) pixels/g)].map((m) => Number(m[1]));
    expect(before).toBeGreaterThan(0);
    expect(after).not.toBe(before);
    expect(await page.locator(`${LAB} [data-role="erf-after"] figcaption`).innerText()).toMatch(/^After [\d.]+ epochs: spread/);
    // Another unit hides the figures until measured again.
    await page.locator(`${LAB} canvas[data-pickable]`).first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(`${LAB} [data-role="erf-after"]`).isHidden()).toBe(true);
  });
});
