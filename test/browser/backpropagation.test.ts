import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { backwardSteps, conv2dBackward, gradientTerms, neuronGraph } from '../../src/compute';
import { formatNumber } from '../../components/lib/format';
import { BEFORE_FIRST_TEST } from '../../components/backprop/cnn-lab.spec';
import { axeViolations, describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, startWidget, typeInto, urlParam, urlWritten } from '../support/widgets';

/** A number as formatNumber writes it ("3.2×10⁻⁹", "−0.5") back to a number. */
const readNumber = (text: string): number => {
  const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const [mantissa, power] = text.replace(/−/g, '-').split('×10');
  const exponent = power ? Number([...power].map((c) => (c === '⁻' ? '-' : String(superscripts.indexOf(c)))).join('')) : 0;
  return Number(mantissa) * 10 ** exponent;
};

const GRAPH = '#graph-by-hand';
const CONV = '#conv-gradients';
const LAB = '#cnn-lab';

describeInBrowser('backpropagation: a graph by hand', () => {
  useBrowser();
  const chain = (page: Page) => page.locator(`${GRAPH} [data-role="chain"]`).innerText();

  it('steps backward one node at a time, each gradient the one backwardSteps gives', async () => {
    const { page } = await openPage('backpropagation/');
    const steps = backwardSteps(neuronGraph([1, 2], [0.5, -1, 2, 0.25], [0.1, -0.2], 0));
    expect(await chain(page)).toMatch(/^Forward pass: L = 3\.7244 nats\./);
    const step = page.locator(GRAPH).getByRole('button', { name: 'Step backward' });
    await step.click();
    expect(await chain(page)).toBe('∂L/∂L = 1: the backward pass starts at the output.');
    await step.click();
    expect(await chain(page)).toContain(`= ${formatNumber(steps[1]!.grad, 5)}`);
    await page.locator(GRAPH).getByRole('button', { name: 'Show every gradient' }).click();
    expect(await step.isDisabled()).toBe(true);
    const rows = await page.locator(`${GRAPH} [data-role="table"] tr`).allInnerTexts();
    expect(rows).toHaveLength(15);
    // Every leaf's backprop gradient and its central-difference estimate agree to the digits shown.
    const x1 = rows.find((r) => r.startsWith('x₁'))!.split('\t');
    expect(x1[2]).toBe(formatNumber(steps.find((s) => s.id === 'x1')!.grad, 5));
    expect(x1[3]).toBe(x1[2]);
    await urlParam(page, 'graph-by-hand.step').toBe('15');
  });

  it('edited weights change every value; the step survives its link', async () => {
    const { page } = await openPage('backpropagation/');
    await typeInto(page, '#graph-by-hand-w', '1, 1, 1, 1');
    await page.locator(GRAPH).getByRole('radio', { name: 'class 2' }).check();
    await page.locator(GRAPH).getByRole('button', { name: 'Step backward' }).click();
    const loss = neuronGraph([1, 2], [1, 1, 1, 1], [0.1, -0.2], 1).nodes.at(-1)!.value;
    expect(await page.locator(`${GRAPH} [data-role="table"] tr`).first().innerText()).toContain(formatNumber(loss, 5));
    await urlWritten(page);
    await reloadPage(page);
    expect(await chain(page)).toBe('∂L/∂L = 1: the backward pass starts at the output.');
    expect(await page.inputValue('#graph-by-hand-w')).toBe('1, 1, 1, 1');
  });

  it('bad input is explained beside the field and the last graph stays, dimmed', async () => {
    const { page } = await openPage('backpropagation/');
    await typeInto(page, '#graph-by-hand-x', '1');
    expect(await page.locator('#graph-by-hand-x-error').textContent()).toBe('The inputs must have exactly 2 numbers, not 1.');
    expect(await isStale(page, GRAPH)).toBe(true);
    expect(await chain(page)).toMatch(/^Forward pass: L = 3\.7244/);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('backpropagation: gradients through a convolution', () => {
  useBrowser();
  const input = { shape: [1, 4, 4], data: Float64Array.from([1, 2, 0, 1, 0, 1, 3, 2, 2, 0, 1, 1, 1, 3, 2, 0]) };
  const weight = { shape: [1, 1, 3, 3], data: Float64Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]) };
  const grad = { shape: [1, 2, 2], data: Float64Array.from([1, -1, 0.5, 2]) };

  it('a weight’s gradient is the sum of four products, checked against conv2dBackward', async () => {
    const { page } = await openPage('backpropagation/');
    const { sum, terms } = gradientTerms(input, weight, grad, { weight: [0, 0, 0, 0] });
    expect(terms).toHaveLength(4);
    expect(await page.locator(`${CONV} [data-role="terms"]`).innerText()).toMatch(new RegExp(`= ${formatNumber(sum, 5)}$`));
    expect(await page.locator(`${CONV} [data-role="check"]`).innerText()).toBe(`conv2dBackward gives ${formatNumber(conv2dBackward(input, weight, grad).gradWeight.data[0]!, 5)} for w[0, 0]; the sum above differs from it by 0.`);
  });

  it('clicking an input value follows its gradient: a corner meets one window, the centre four', async () => {
    const { page } = await openPage('backpropagation/');
    await page.locator(`${CONV} [data-role="input"]`).getByRole('button', { name: /^Input row 0, column 0/ }).click();
    expect(await page.locator(`${CONV} [data-role="formula"]`).innerText()).toMatch(/^∂L\/∂in\[0, 0\]/);
    expect(await page.locator(`${CONV} [data-role="terms"]`).innerText()).toBe(`= 1·1 = 1`);
    await page.locator(`${CONV} [data-role="input"]`).getByRole('button', { name: /^Input row 1, column 1/ }).click();
    const { sum } = gradientTerms(input, weight, grad, { input: [0, 1, 1] });
    expect(await page.locator(`${CONV} [data-role="terms"]`).innerText()).toMatch(new RegExp(`^= (\\S+ \\+ ){3}\\S+ = ${formatNumber(sum, 5)}$`));
    await urlParam(page, 'conv-gradients.pick').toBe('input');
    await urlParam(page, 'conv-gradients.at').toBe('5');
  });

  it('on a phone its sum breaks between terms, never inside a derivative or an index', async () => {
    const { page } = await openPage('backpropagation/');
    await page.setViewportSize({ width: 360, height: 800 });
    const formula = page.locator(`${CONV} [data-role="formula"]`);
    await formula.scrollIntoViewIfNeeded();
    const lines = (await formula.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.bottom))).size;
    })) as number;
    expect(lines).toBeGreaterThan(1);
    const pieces = (await formula.locator('.unbroken').evaluateAll((spans) => spans.map((span) => [span.textContent, span.getClientRects().length]))) as [string, number][];
    expect(pieces).toEqual([['∂L/∂w[0, 0]', 1], ['(y, x)', 1], ['∂L/∂out[y, x]', 1], ['in[y + 0, x + 0]', 1]]);
  });

  it('a new padding reshapes the output gradient; a gradient of the wrong shape is explained', async () => {
    const { page } = await openPage('backpropagation/');
    await typeInto(page, '#conv-gradients-p', '1');
    // Padding 1 makes the output 4×4: the typed entries stay, the new ones are 1.
    expect((await page.inputValue('#conv-gradients-g')).split('\n').map((row) => row.trim().split(/\s+/))).toEqual([['1', '−1', '1', '1'], ['0.5', '2', '1', '1'], ['1', '1', '1', '1'], ['1', '1', '1', '1']]);
    await typeInto(page, '#conv-gradients-g', '1 2\n3 4');
    expect(await page.locator(`${CONV} [data-role="message"]`).innerText()).toMatch(/must be 4×4/);
    expect(await isStale(page, CONV)).toBe(true);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('backpropagation: the CNN lab', () => {
  useBrowser();
  const status = (page: Page) => page.locator(`${LAB} [data-role="status"]`).innerText();
  const opened = async () => {
    const watched = await openPage('backpropagation/');
    await startWidget(watched.page, LAB);
    return watched;
  };

  it('loads nothing heavy until used: no worker, no digits before Train', async () => {
    const watched = await openPage('backpropagation/');
    const requests: string[] = [];
    watched.page.on('request', (r) => requests.push(r.url()));
    await startWidget(watched.page, LAB);
    expect(await status(watched.page)).toMatch(/^61,706 parameters, not trained yet\./);
    // The panels a test fills say when they will be filled, rather than stand empty.
    for (const role of ['filters', 'wrong']) expect(await watched.page.locator(`${LAB} [data-role="${role}"]`).innerText()).toBe(BEFORE_FIRST_TEST);
    expect(requests.filter((url) => /mnist-digits|lab-worker/.test(url))).toEqual([]);
    expect(watched.page.workers()).toHaveLength(0);
  });

  it('trains LeNet-5 in a worker: test accuracy above 85% after half an epoch, then pauses', async () => {
    const { page, foreignRequests, failedRequests } = await opened();
    await page.locator(LAB).getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => status(page), { timeout: 60_000, interval: 250 }).toMatch(/test accuracy (\d+\.\d+)%/);
    const accuracy = Number(/test accuracy (\d+\.\d+)%/.exec(await status(page))![1]);
    expect(accuracy).toBeGreaterThan(85);
    expect(page.workers()).toHaveLength(1);
    // The worker compiled its WebAssembly convolutions under the site's Content-Security-Policy.
    expect(await page.locator(LAB).getAttribute('data-kernels')).toBe('webassembly');
    expect(await status(page)).not.toContain('without WebAssembly');
    await page.locator(LAB).getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.locator(`${LAB} [data-role="run"]`).innerText()).toBe('Resume');
    // The confusion matrix adds up to the 1,500 test digits; the first layer's 6 kernels are drawn.
    const counts = await page.locator(`${LAB} [data-role="confusion"] td`).allInnerTexts();
    expect(counts).toHaveLength(100);
    expect(counts.reduce((sum, c) => sum + Number(c), 0)).toBe(1500);
    // On a 360 px phone its ten columns fit: read whole, not scrolled sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    const matrix = page.locator(`${LAB} .table-scroll:has([data-role="confusion"])`);
    expect(await matrix.evaluate((box) => box.scrollWidth - box.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator(`${LAB} [data-role="filters"] canvas`).count()).toBe(6);
    expect(await page.locator(`${LAB} [data-role="wrong"] figure`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${LAB} [data-role="filters"] p, ${LAB} [data-role="wrong"] p`).count()).toBe(0);
    expect(await page.locator(`${LAB} [data-role="curves"] path.plot-line`).count()).toBe(3);
    expect(foreignRequests).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('while it trains, each test evaluation repaints its images in place (new canvases would cost the page frames)', async () => {
    const { page } = await opened();
    await page.locator(LAB).getByRole('button', { name: 'Train' }).click();
    const live = page.locator(`${LAB} [data-role="live"]`);
    const evaluated = /^Test accuracy after/;
    await expect.poll(() => live.innerText(), { timeout: 60_000, interval: 100 }).toMatch(evaluated);
    await expect.poll(() => page.locator(`${LAB} [data-role="maps"] canvas`).count(), { timeout: 20_000 }).toBe(28);
    // From here on, count every canvas added to the lab, and mark the first image of each panel.
    await page.evaluate(() => {
      const lab = document.querySelector('#cnn-lab')!;
      const added = { count: 0 };
      Object.assign(window, { addedCanvases: added });
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof Element && (node.matches('canvas') || node.querySelector('canvas'))) added.count++;
      }).observe(lab, { childList: true, subtree: true });
      for (const role of ['filters', 'wrong', 'maps']) lab.querySelector(`[data-role="${role}"] canvas`)!.setAttribute('data-kept', role);
    });
    // One more evaluation redraws the kernels and the misclassified digits; another test digit, the maps.
    const before = await live.innerText();
    await expect.poll(() => live.innerText(), { timeout: 60_000, interval: 100 }).not.toBe(before);
    expect(await live.innerText()).toMatch(evaluated);
    await page.locator(LAB).getByRole('button', { name: 'Pause' }).click();
    await typeInto(page, '#cnn-lab-digit', '1');
    await expect.poll(() => page.locator(`${LAB} [data-role="inside-caption"]`).innerText(), { timeout: 20_000 }).toMatch(/^Test digit 1: /);
    expect(await page.evaluate(() => (window as unknown as { addedCanvases: { count: number } }).addedCanvases.count)).toBe(0);
    for (const role of ['filters', 'wrong', 'maps']) expect(await page.locator(`${LAB} [data-role="${role}"] canvas`).first().getAttribute('data-kept'), role).toBe(role);
  });

  it('a digit drawn with the keyboard is classified, with ten probabilities that add to 1', async () => {
    const { page } = await opened();
    const pad = page.locator(LAB).getByRole('img', { name: 'Drawing pad, 28 by 28 pixels' });
    await pad.focus();
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    for (let k = 0; k < 12; k++) await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.locator(`${LAB} [data-role="guess-text"]`).innerText(), { timeout: 10_000 }).toMatch(/^It reads your digit as \d, with probability \d+%\.$/);
    const shares = await page.locator(`${LAB} [data-role="guess"]`).innerText();
    const percents = [...shares.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));
    expect(percents).toHaveLength(10);
    expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.6);
    await page.locator(LAB).getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator(`${LAB} [data-role="guess-text"]`).innerText()).toBe('Nothing drawn yet.');
  });

  it('a stroke drawn with a pointer is classified too', async () => {
    const { page } = await opened();
    const pad = page.locator(`${LAB} [data-role="pad"]`);
    // Hovering first scrolls the pad into view and waits until it stops moving (the blocks above it are laid out as
    // they come near the viewport), so the box measured next is where the strokes land.
    await pad.hover();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator(`${LAB} [data-role="guess-text"]`).innerText(), { timeout: 10_000 }).toMatch(/^It reads your digit as \d/);
  });

  it('looks inside: feature maps of a test digit and the receptive field of a unit picked by keyboard', async () => {
    const { page } = await opened();
    await page.locator(LAB).getByRole('button', { name: 'Train' }).click();
    await page.locator(LAB).getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.locator(`${LAB} [data-role="inside-caption"]`).innerText(), { timeout: 20_000 }).toMatch(/^Test digit 0: a \d, read as \d/);
    // 6 maps of conv1 and of pool1, the first 8 of conv2's and pool2's 16, each row named with its shape.
    expect(await page.locator(`${LAB} [data-role="maps"] canvas`).count()).toBe(6 + 6 + 8 + 8);
    expect(await page.locator(`${LAB} .lab-map-row p`).allInnerTexts()).toEqual(['conv1 · 6×28×28', 'maxpool1 · 6×14×14', 'conv2 · 16×10×10 (first 8)', 'maxpool2 · 16×5×5 (first 8)']);
    expect(await page.locator(`${LAB} [data-role="rf-caption"]`).innerText()).toBe('Unit (4, 4) of conv2 sees input rows 6…\u206019 and columns 6…\u206019: 14×14 pixels (inside the frame; the rest of the digit is dimmed).');
    expect(await page.locator(`${LAB} [data-role="rf-view"]`).isVisible()).toBe(true);
    const map = page.locator(`${LAB} canvas[data-pickable]`).first();
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator(`${LAB} [data-role="rf-caption"]`).innerText()).toMatch(/^Unit \(3, 3\) of conv2 sees input rows 4…\u206017 and columns 4…\u206017/);
    await page.locator('#cnn-lab-rf-layer').selectOption({ label: 'conv1 (28×28)' });
    await expect.poll(() => page.locator(`${LAB} [data-role="rf-caption"]`).innerText()).toMatch(/^Unit \(3, 3\) of conv1 sees input rows 1…\u20605 and columns 1…\u20605: 5×5 pixels/);
    await typeInto(page, '#cnn-lab-digit', '7');
    await expect.poll(() => page.locator(`${LAB} [data-role="inside-caption"]`).innerText()).toMatch(/^Test digit 7: a \d/);
    await urlParam(page, 'cnn-lab.digit').toBe('7');
  });

  it('the gradient check agrees with backprop to 1e-6; the export is PyTorch code and weights', async () => {
    const { page } = await opened();
    await page.locator(LAB).getByRole('button', { name: 'Check backprop against finite differences' }).click();
    await expect.poll(() => page.locator(`${LAB} [data-role="gradcheck-table"] tr`).count(), { timeout: 20_000 }).toBe(7);
    const differences = await page.locator(`${LAB} [data-role="gradcheck-table"] td:last-child`).allInnerTexts();
    expect(differences).toHaveLength(6);
    for (const d of differences) expect(readNumber(d)).toBeLessThan(1e-6);
    await page.locator(LAB).getByRole('button', { name: 'Export for PyTorch' }).click();
    const code = page.locator(`${LAB} [data-role="export-code"]`);
    await expect.poll(() => code.innerText()).toContain('nn.Conv2d(1, 6, kernel_size=5, stride=1, padding=2, dilation=1, bias=True)');
    // Saved the way a reader saves it (a download), read back from the file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${LAB} [data-role="download-weights"]`).click()]);
    expect(download.suggestedFilename()).toBe('weights.json');
    const weights = JSON.parse(readFileSync(await download.path(), 'utf8')) as { state_dict: Record<string, unknown> };
    expect(Object.keys(weights.state_dict)).toEqual(['0.weight', '0.bias', '3.weight', '3.bias', '7.weight', '7.bias', '9.weight', '9.bias', '11.weight', '11.bias']);
    // Everything the lab added to the page (tables, code, links) passes axe too.
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a layer list that cannot work is explained; a valid one becomes "your own" and survives its link', async () => {
    const { page } = await opened();
    await page.locator(LAB).getByText('The layer list').click();
    await typeInto(page, '#cnn-lab-layers', 'conv 4 kernel 3\nrelu\nflatten\nlinear 7');
    await expect.poll(() => page.locator(`${LAB} [data-role="message"]`).innerText()).toMatch(/10 scores/);
    expect(await isStale(page, LAB)).toBe(true);
    await typeInto(page, '#cnn-lab-layers', 'conv 4 kernel 3 wide');
    expect(await page.locator('#cnn-lab-layers-error').innerText()).toMatch(/wide/);
    await typeInto(page, '#cnn-lab-layers', 'conv 4 kernel 3\nrelu\nmaxpool 2\nflatten\nlinear 10');
    expect(await page.inputValue('#cnn-lab-net')).toBe('custom');
    expect(await status(page)).toMatch(/^6,810 parameters/);
    await urlWritten(page);
    await reloadPage(page);
    await startWidget(page, LAB);
    expect(await status(page)).toMatch(/^6,810 parameters/);
    expect(await page.inputValue('#cnn-lab-net')).toBe('custom');
  });
});
