import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runOptimizer, surfaces } from '../../src/compute';
import { formatNumber } from '../../components/lib/format';
import { describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, startWidget, typeInto, urlParam, urlWritten } from '../support/widgets';
import { collidingLabels } from './phone';

const ONE_D = '#gd-1d';
const RACE = '#gd-race';
const TRAIN = '#gd-train';

describeInBrowser('gradient descent: one dimension', () => {
  useBrowser();
  const summary = (page: Page) => page.locator(`${ONE_D} [data-role="summary"]`).innerText();

  it('names the regime of the 2/λ rule for typed rates', async () => {
    const { page } = await openPage('gradient-descent/');
    expect(await summary(page)).toMatch(/^ηλ < 1: .* the factor 1 − ηλ is 0\.6; after 12 steps x = 0\.005442\.$/);
    await typeInto(page, '#gd-1d-lr', '0.75');
    expect(await summary(page)).toMatch(/^1 < ηλ < 2: .*factor 1 − ηλ is −0\.5/);
    expect(await page.locator(`${ONE_D} [data-role="iterates"]`).innerText()).toMatch(/^x0 = 2\.5, +x1 = −1\.25, +x2 = 0\.625/);
    expect(await page.inputValue('#gd-1d-lr-slider')).toBe('0.75');
    await typeInto(page, '#gd-1d-lr', '1');
    expect(await summary(page)).toMatch(/^ηλ = 2: .*bounces/);
  });

  it('the slider by keyboard goes past 2/λ; a diverging run is stopped and says so', async () => {
    const { page } = await openPage('gradient-descent/');
    await page.locator(ONE_D).getByRole('slider', { name: 'Learning rate η, slider' }).focus();
    await page.keyboard.press('End');
    expect(await summary(page)).toMatch(/^ηλ > 2: .*grow without bound.*factor 1 − ηλ is −2/);
    expect(await page.inputValue('#gd-1d-lr')).toBe('1.5');
    await urlParam(page, 'gd-1d.lr').toBe('1.5');
    await typeInto(page, '#gd-1d-steps', '50');
    expect(await summary(page)).toMatch(/passed 10⁶ and the run was stopped/);
  });

  it('on the curve with two valleys, the start decides the valley', async () => {
    const { page } = await openPage('gradient-descent/');
    await page.locator(ONE_D).getByRole('combobox', { name: 'Function' }).selectOption('doubleWell');
    await typeInto(page, '#gd-1d-steps', '50');
    await typeInto(page, '#gd-1d-lr', '0.1');
    await typeInto(page, '#gd-1d-x0', '-2');
    expect(await summary(page)).toMatch(/settled in the left \(deeper\) valley.*0\.417 in the left valley, 0\.65 in the right valley/);
    await typeInto(page, '#gd-1d-x0', '0.5');
    expect(await summary(page)).toMatch(/settled in the right \(shallower\) valley/);
  });

  it('bad input is explained beside each field', async () => {
    const { page } = await openPage('gradient-descent/');
    await typeInto(page, '#gd-1d-lr', 'fast');
    expect(await page.locator('#gd-1d-lr-error').textContent()).toBe('The learning rate must be a number, like 2 or 0.5.');
    expect(await isStale(page, ONE_D)).toBe(true);
    await typeInto(page, '#gd-1d-x0', '9');
    expect(await page.locator('#gd-1d-x0-error').textContent()).toBe('The start must be between -2.5 and 2.5.');
    await typeInto(page, '#gd-1d-steps', '2.5');
    expect(await page.locator('#gd-1d-steps-error').textContent()).toBe('The number of steps must be a whole number.');
    await expectNoBrokenNumbers(page);
  });

  it('on a 360 px phone the whole plot shows, on either curve, its labels apart from one another', async () => {
    const { page } = await openPage('gradient-descent/', { viewport: { width: 360, height: 780 } });
    for (const curve of ['parabola', 'doubleWell']) {
      await page.locator(ONE_D).getByRole('combobox', { name: 'Function' }).selectOption(curve);
      const plot = page.locator(`${ONE_D} svg[data-role="plot"]`);
      const [svg, widget] = await Promise.all([plot.boundingBox(), page.locator(ONE_D).boundingBox()]);
      expect(svg!.x >= widget!.x && svg!.x + svg!.width <= widget!.x + widget!.width, curve).toBe(true);
      expect(await plot.locator('text').count(), curve).toBeGreaterThan(8);
      expect(await collidingLabels(page), curve).toEqual([]);
    }
  });
});

describeInBrowser('gradient descent: the optimisers race', () => {
  useBrowser();
  const legend = (page: Page) => page.locator(`${RACE} [data-role="legend"] li`).allInnerTexts();
  const opened = async (path = 'gradient-descent/', options = {}) => {
    const watched = await openPage(path, options);
    await startWidget(watched.page, RACE);
    return watched;
  };

  it('draws contours and ends each path where runOptimizer does', async () => {
    const { page } = await opened();
    expect(await page.locator(`${RACE} .race-contour`).count()).toBeGreaterThan(8);
    await expect.poll(async () => (await legend(page))[3], { timeout: 8000 }).toMatch(/^ Adam \(diamond\): step 500/);
    const adam = runOptimizer(surfaces.rosenbrock, { type: 'adam', lr: 0.1 }, [-1.5, 2.5], 500);
    expect((await legend(page))[3]).toContain(`loss ${formatNumber(adam.losses.at(-1)!, 3)}`);
    expect(await page.locator(`${RACE} [data-role="live"]`).textContent()).toContain(`Adam ends at loss ${formatNumber(adam.losses.at(-1)!, 3)}`);
  });

  it('the arrow keys move the start by 1/40 of the window (Shift: 5×); a click sets it', async () => {
    const { page } = await opened();
    await page.focus(`${RACE} [data-role="map"]`);
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#gd-race-x0')).toBe('-1.4');
    await page.keyboard.press('Shift+ArrowUp');
    expect(await page.inputValue('#gd-race-y0')).toBe('3');
    await urlParam(page, 'gd-race.x0').toBe('-1.4');
    const box = (await page.locator(`${RACE} [data-role="map"]`).boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5);
    expect(Number(await page.inputValue('#gd-race-x0'))).toBeGreaterThan(0);
  });

  it('on the ravine SGD just past 2/20 diverges, in words; scrubbing to step 0 shows the start', async () => {
    const { page } = await opened();
    await page.locator(RACE).getByRole('combobox', { name: 'Surface' }).selectOption('ravine');
    expect(await page.inputValue('#gd-race-x0')).toBe('-3.5');
    await typeInto(page, '#gd-race-lr0', '0.11');
    await page.locator(RACE).getByRole('slider', { name: 'Step shown' }).focus();
    await page.keyboard.press('End');
    expect((await legend(page))[0]).toMatch(/^ SGD \(circle\): diverged after \d+ steps$/);
    await page.keyboard.press('Home');
    expect((await legend(page))[1]).toBe(' Momentum (square): step 0, at (−3.5, 1.2), loss 20.5');
  });

  it('a start outside the window, Nesterov without momentum and a negative rate are explained', async () => {
    const { page } = await opened();
    await page.locator(RACE).getByRole('combobox', { name: 'Surface' }).selectOption('ravine');
    await typeInto(page, '#gd-race-x0', '4.5');
    expect(await page.locator(`${RACE} [data-role="message"]`).textContent()).toMatch(/outside this surface’s window, x −4…\u20604 and y −2…\u20602\./);
    expect(await isStale(page, RACE)).toBe(true);
    await typeInto(page, '#gd-race-x0', '-3');
    await typeInto(page, '#gd-race-m', '0');
    await page.locator(RACE).getByRole('checkbox', { name: 'Nesterov' }).check();
    expect(await page.locator(`${RACE} [data-role="message"]`).textContent()).toBe('Nesterov momentum needs a momentum above 0 and no dampening.');
    await typeInto(page, '#gd-race-m', '0.5');
    expect(await page.locator(`${RACE} [data-role="message"]`).textContent()).toBe('');
    await typeInto(page, '#gd-race-lr3', '-1');
    expect(await page.locator('#gd-race-lr3-error').textContent()).toBe("Adam's learning rate must be between 0 and 10.");
    await expectNoBrokenNumbers(page);
  });

  it('a hand-written link that names only a surface starts on that surface as choosing it would', async () => {
    const { page } = await opened('gradient-descent/?gd-race.surface=ravine', { reducedMotion: 'reduce' });
    expect(await page.inputValue('#gd-race-x0')).toBe('-3.5');
    expect(await page.locator(`${RACE} [data-role="message"]`).textContent()).toBe('');
    const sgd = runOptimizer(surfaces.ravine, { type: 'sgd', lr: Number(await page.inputValue('#gd-race-lr0')) }, [-3.5, Number(await page.inputValue('#gd-race-y0'))], 500);
    expect((await legend(page))[0]).toContain(`loss ${formatNumber(sgd.losses.at(-1)!, 3)}`);
  });

  it('under prefers-reduced-motion nothing animates: every step is shown at once', async () => {
    const { page } = await opened('gradient-descent/', { reducedMotion: 'reduce' });
    expect((await legend(page))[0]).toMatch(/step 500/);
    expect(await page.getAttribute(`${RACE} [data-role="play"]`, 'aria-pressed')).toBe('false');
    expect(await page.inputValue('#gd-race-at')).toBe('500');
  });
});

describeInBrowser('gradient descent: training a classifier', () => {
  useBrowser();
  const status = (page: Page) => page.locator(`${TRAIN} [data-role="status"]`).innerText();
  const epoch = async (page: Page) => Number((await status(page)).match(/^Epoch (\d+)/)![1]);
  const accuracy = async (page: Page) => Number((await status(page)).match(/accuracy ([\d.]+)%/)![1]);
  const button = (page: Page, name: string | RegExp) => page.locator(TRAIN).getByRole('button', { name });
  const opened = async () => {
    const watched = await openPage('gradient-descent/');
    await startWidget(watched.page, TRAIN);
    return watched;
  };

  it('starts from zero weights (ln 3, a third right) and trains one epoch in its worker', async () => {
    const { page } = await opened();
    expect(await status(page)).toBe('Epoch 0: loss 1.099 nats, accuracy 33.3%');
    await button(page, 'One epoch').click();
    await expect.poll(() => epoch(page)).toBe(1);
  });

  it('Start and Pause: degree 5 passes 95% on the spiral; paused means paused, and it is announced', async () => {
    const { page } = await opened();
    await button(page, 'Start').click();
    expect(await page.getAttribute(`${TRAIN} [data-role="run"]`, 'aria-pressed')).toBe('true');
    await expect.poll(() => epoch(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(150);
    await button(page, 'Pause').click();
    await expect.poll(() => page.getAttribute(`${TRAIN} [data-role="run"]`, 'aria-pressed')).toBe('false');
    await page.waitForTimeout(100);
    const paused = await epoch(page);
    await page.waitForTimeout(300);
    expect(await epoch(page)).toBe(paused);
    expect(await accuracy(page)).toBeGreaterThan(95);
    await expect.poll(() => page.locator(`${TRAIN} [data-role="live"]`).textContent()).toMatch(new RegExp(`^Paused at epoch ${paused}:`));
    await expect.poll(() => page.getAttribute(`${TRAIN} [data-role="regions"]`, 'aria-label')).toContain(`after ${paused} epochs`);
  });

  it('linear features cannot separate the spiral: 20 epochs stay below 80%', async () => {
    const { page } = await opened();
    await page.locator(TRAIN).getByRole('combobox', { name: 'Features' }).selectOption('1');
    expect(await epoch(page)).toBe(0);
    for (let k = 0; k < 20; k++) await button(page, 'One epoch').click();
    await expect.poll(() => epoch(page)).toBe(20);
    expect(await accuracy(page)).toBeLessThan(80);
    await urlParam(page, 'gd-train.degree').toBe('1');
  });

  it('a bad learning rate is explained and dims the results; New data draws another set', async () => {
    const { page } = await opened();
    await page.locator(TRAIN).getByRole('combobox', { name: 'Optimiser' }).selectOption('sgd');
    await typeInto(page, '#gd-train-lr', '0');
    expect(await page.locator('#gd-train-lr-error').textContent()).toBe('The learning rate must be between 0.0001 and 10.');
    expect(await isStale(page, TRAIN)).toBe(true);
    await typeInto(page, '#gd-train-lr', '0.5');
    expect(await isStale(page, TRAIN)).toBe(false);
    await button(page, 'New data').click();
    await urlParam(page, 'gd-train.seed').toBe('2');
    await expectNoBrokenNumbers(page);
  });

  it('a new learning rate mid-run carries on from the same epoch, marked on the curves; Reset starts again', async () => {
    const { page } = await opened();
    for (let k = 0; k < 5; k++) await button(page, 'One epoch').click();
    await expect.poll(() => epoch(page)).toBe(5);
    await typeInto(page, '#gd-train-lr', '0.01');
    expect(await status(page)).toMatch(/^Epoch 5: .* · η = 0\.01 from epoch 5$/);
    expect(await page.locator(`${TRAIN} [data-role="curves"] .plot-marker`).count()).toBe(1);
    await button(page, 'One epoch').click();
    await expect.poll(() => epoch(page)).toBe(6);
    await page.locator(TRAIN).getByRole('button', { name: 'Reset' }).click();
    expect(await status(page)).toBe('Epoch 0: loss 1.099 nats, accuracy 33.3%');
  });

  it('a batch size that is not one of the options is refused in a link', async () => {
    const { page } = await openPage('gradient-descent/?gd-train.batch=7');
    await startWidget(page, TRAIN);
    expect(await page.locator(`${TRAIN} [data-role="message"]`).textContent()).toMatch(/“batch” was ignored: it must be one of 1, 10, 30, 300\./);
    expect(await page.locator(TRAIN).getByRole('combobox', { name: 'Batch size' }).inputValue()).toBe('30');
  });
});

describeInBrowser('gradient descent: momentum, direction by direction', () => {
  useBrowser();
  const MOMENTUM = '#gd-momentum';
  const summary = (page: Page) => page.locator(`${MOMENTUM} [data-role="summary"]`).innerText();

  it('the best plain step and the best momentum for κ = 100: 346 steps against 35', async () => {
    const { page } = await openPage('gradient-descent/');
    expect(await summary(page)).toMatch(/^Overall rate 0\.9802 per step, set by the slowest direction\. The error shrinks 1000× in 346 steps\./);
    await page.locator(MOMENTUM).getByRole('button', { name: 'Best momentum' }).click();
    expect(await summary(page)).toMatch(/^Overall rate 0\.8182 per step.*shrinks 1000× in 35 steps\./);
    expect(await page.inputValue('#gd-momentum-momentum')).toBe('0.6695');
    expect(await page.inputValue('#gd-momentum-lr')).toBe('0.03305');
    const bars = await page.locator(`${MOMENTUM} [data-role="bars"] .bar-value`).allInnerTexts();
    // In the complex regime every direction decays at √μ.
    expect(new Set(bars.map((b) => b.split(' ')[0]))).toEqual(new Set([formatNumber(Math.sqrt(0.6695), 4)]));
    expect(await page.locator(`${MOMENTUM} [data-role="plot"] path.plot-line`).count()).toBe(5);
    await urlParam(page, 'gd-momentum.momentum').toBe('0.6695');
    await urlWritten(page);
    await reloadPage(page);
    expect(await summary(page)).toMatch(/^Overall rate 0\.8182/);
  });

  it('a step too large for the steepest direction is said to diverge; bad input is explained', async () => {
    const { page } = await openPage('gradient-descent/');
    await typeInto(page, '#gd-momentum-lr', '0.05');
    expect(await summary(page)).toMatch(/The error does not shrink along every direction: this η \(or μ\) is too large\./);
    await typeInto(page, '#gd-momentum-momentum', '1');
    expect(await page.locator('#gd-momentum-momentum-error').textContent()).toBe('The momentum must be between 0 and 0.999.');
    expect(await isStale(page, MOMENTUM)).toBe(true);
    await expectNoBrokenNumbers(page);
  });
});
