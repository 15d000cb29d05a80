import { expect, it } from 'vitest';
import { runOptimizer, surfaces } from '../../src/compute';
import { formatNumber } from '../../components/lib/format';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';
import { expectNoBrokenNumbers, isStale, startWidget, typeInto, urlParam } from '../support/widgets';

const ONE_D = '#gd-1d';
const RACE = '#gd-race';
const TRAIN = '#gd-train';

describeInBrowser('gradient-descent chapter widgets', () => {
  useBrowser();

  it('one dimension: the regimes of the 2/L rule, the slider, the two valleys, bad input', async () => {
    const { page, consoleErrors } = await openPage('gradient-descent/');
    const summary = () => page.locator(`${ONE_D} [data-role="summary"]`).innerText();
    const iterates = () => page.locator(`${ONE_D} [data-role="iterates"]`).innerText();
    expect(await summary()).toMatch(/^ηL < 1: .* the factor 1 − ηL is 0\.6; after 12 steps x = 0\.005442\.$/);
    await typeInto(page, '#gd-1d-lr', '0.75');
    expect(await summary()).toMatch(/^1 < ηL < 2: .*factor 1 − ηL is −0\.5/);
    expect(await iterates()).toMatch(/^x0 = 2\.5, +x1 = −1\.25, +x2 = 0\.625/);
    expect(await page.inputValue('#gd-1d-lr-slider')).toBe('0.75');
    await typeInto(page, '#gd-1d-lr', '1');
    expect(await summary()).toMatch(/^ηL = 2: .*bounces/);
    // The slider by keyboard: End is its maximum, 1.5, far past 2/L.
    await page.focus('#gd-1d-lr-slider');
    await page.keyboard.press('End');
    expect(await summary()).toMatch(/^ηL > 2: .*grow without bound.*factor 1 − ηL is −2/);
    expect(await page.inputValue('#gd-1d-lr')).toBe('1.5');
    await urlParam(page, 'gd-1d.lr').toBe('1.5');
    await typeInto(page, '#gd-1d-steps', '50');
    expect(await summary()).toMatch(/passed 10⁶ and the run was stopped/);

    await page.selectOption('#gd-1d-curve', 'doubleWell');
    await typeInto(page, '#gd-1d-lr', '0.1');
    await typeInto(page, '#gd-1d-x0', '-2');
    expect(await summary()).toMatch(/settled in the left \(deeper\) valley.*0\.417 in the left valley, 0\.65 in the right valley/);
    await typeInto(page, '#gd-1d-x0', '0.5');
    expect(await summary()).toMatch(/settled in the right \(shallower\) valley/);

    await typeInto(page, '#gd-1d-lr', 'fast');
    expect(await page.locator('#gd-1d-lr-error').textContent()).toBe('The learning rate must be a number, like 2 or 0.5.');
    expect(await isStale(page, ONE_D)).toBe(true);
    await typeInto(page, '#gd-1d-x0', '9');
    expect(await page.locator('#gd-1d-x0-error').textContent()).toBe('The start must be between -2.5 and 2.5.');
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('optimiser race: contours, trajectories equal to runOptimizer, start point by keyboard and click, surfaces, bad input', async () => {
    const { page, consoleErrors } = await openPage('gradient-descent/');
    const legend = () => page.locator(`${RACE} [data-role="legend"] li`).allInnerTexts();
    await startWidget(page, RACE);
    expect(await page.locator(`${RACE} .race-contour`).count()).toBeGreaterThan(8);
    // The animation runs to the last step; the numbers then are runOptimizer's.
    await expect.poll(async () => (await legend())[3], { timeout: 8000 }).toMatch(/^ Adam \(diamond\): step 500/);
    const adam = runOptimizer(surfaces.rosenbrock, { type: 'adam', lr: 0.1 }, [-1.5, 2.5], 500);
    expect((await legend())[3]).toContain(`loss ${formatNumber(adam.losses.at(-1)!, 3)}`);
    expect(await page.locator(`${RACE} [data-role="live"]`).textContent()).toContain(`Adam ends at loss ${formatNumber(adam.losses.at(-1)!, 3)}`);

    // Keyboard moves the start by 1/40 of the window (Shift: 5×), clamped to the window.
    await page.focus(`${RACE} [data-role="map"]`);
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#gd-race-x0')).toBe('-1.4');
    await page.keyboard.press('Shift+ArrowUp');
    expect(await page.inputValue('#gd-race-y0')).toBe('3');
    await urlParam(page, 'gd-race.x0').toBe('-1.4');
    // A click sets the start where it lands.
    const box = (await page.locator(`${RACE} [data-role="map"]`).boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5);
    expect(Number(await page.inputValue('#gd-race-x0'))).toBeGreaterThan(0);

    // The ravine: SGD just past 2/20 diverges, and says so in words.
    await page.selectOption('#gd-race-surface', 'ravine');
    expect(await page.inputValue('#gd-race-x0')).toBe('-3.5');
    await typeInto(page, '#gd-race-lr0', '0.11');
    await page.focus('#gd-race-at');
    await page.keyboard.press('End');
    expect((await legend())[0]).toMatch(/^ SGD \(circle\): diverged after \d+ steps$/);
    // Scrubbing to step 0 shows every racer at the start.
    await page.keyboard.press('Home');
    expect((await legend())[1]).toBe(' Momentum (square): step 0, at (−3.5, 1.2), loss 20.5');

    // Bad input: a start outside the window, Nesterov without momentum, a negative rate.
    await typeInto(page, '#gd-race-x0', '4.5');
    expect(await page.locator(`${RACE} [data-role="message"]`).textContent()).toMatch(/outside this surface's window, x -4…4/);
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
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('optimiser race under prefers-reduced-motion: nothing animates, every step is shown at once', async () => {
    const { page, consoleErrors } = await openPage('gradient-descent/', { reducedMotion: 'reduce' });
    await startWidget(page, RACE);
    expect((await page.locator(`${RACE} [data-role="legend"] li`).allInnerTexts())[0]).toMatch(/step 500/);
    expect(await page.getAttribute(`${RACE} [data-role="play"]`, 'aria-pressed')).toBe('false');
    expect(await page.inputValue('#gd-race-at')).toBe('500');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('train a classifier: one epoch, start and pause, high accuracy on the spiral with degree 5, settings, bad input', async () => {
    const { page, consoleErrors } = await openPage('gradient-descent/');
    const status = () => page.locator(`${TRAIN} [data-role="status"]`).innerText();
    const epoch = async () => Number((await status()).match(/^Epoch (\d+)/)![1]);
    await startWidget(page, TRAIN);
    expect(await status()).toBe('Epoch 0: loss 1.099 nats, accuracy 33.3%'); // zero weights: ln 3, a third right
    // Training runs in a worker: results arrive asynchronously.
    await page.click(`${TRAIN} [data-role="step"]`);
    await expect.poll(epoch).toBe(1);
    await page.click(`${TRAIN} [data-role="run"]`);
    expect(await page.getAttribute(`${TRAIN} [data-role="run"]`, 'aria-pressed')).toBe('true');
    await expect.poll(epoch, { timeout: 30_000 }).toBeGreaterThanOrEqual(150);
    await page.click(`${TRAIN} [data-role="run"]`);
    await expect.poll(() => page.getAttribute(`${TRAIN} [data-role="run"]`, 'aria-pressed')).toBe('false');
    await page.waitForTimeout(100);
    const paused = await epoch();
    await page.waitForTimeout(300);
    expect(await epoch()).toBe(paused);
    const accuracy = Number((await status()).match(/accuracy ([\d.]+)%/)![1]);
    expect(accuracy).toBeGreaterThan(95);
    await expect.poll(() => page.locator(`${TRAIN} [data-role="live"]`).textContent()).toMatch(new RegExp(`^Paused at epoch ${paused}:`));
    await expect.poll(() => page.getAttribute(`${TRAIN} [data-role="regions"]`, 'aria-label')).toContain(`after ${paused} epochs`);

    // A linear model cannot separate the spiral: the same training stays far below.
    await page.selectOption('#gd-train-degree', '1');
    expect(await epoch()).toBe(0);
    for (let k = 0; k < 20; k++) await page.click(`${TRAIN} [data-role="step"]`);
    await expect.poll(epoch).toBe(20);
    expect(Number((await status()).match(/accuracy ([\d.]+)%/)![1])).toBeLessThan(80);
    await urlParam(page, 'gd-train.degree').toBe('1');

    await page.selectOption('#gd-train-opt', 'sgd');
    await typeInto(page, '#gd-train-lr', '0');
    expect(await page.locator('#gd-train-lr-error').textContent()).toBe('The learning rate must be between 0.0001 and 10.');
    expect(await isStale(page, TRAIN)).toBe(true);
    await typeInto(page, '#gd-train-lr', '0.5');
    expect(await isStale(page, TRAIN)).toBe(false);
    await page.click(`${TRAIN} [data-role="reseed"]`);
    await urlParam(page, 'gd-train.seed').toBe('2');
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
