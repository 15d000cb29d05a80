import { expect, it } from 'vitest';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';
import { expectNoBrokenNumbers, isStale, typeInto, urlParam, urlWritten } from '../support/widgets';

describeInBrowser('receptive-field widgets', () => {
  useBrowser();

  it('network table: presets, editing cells, kind and ceil_mode, reordering, removing, adding, bad input, URL state', async () => {
    const { page, consoleErrors } = await openPage('receptive-field/');
    const T = '#network-table';
    const lastRow = () => page.locator(`${T} [data-role="rows"] tr`).last().locator('.result').allInnerTexts();
    expect(await lastRow()).toEqual(['5', '32', '195', '64']);

    // Dilate conv5: its RF grows by (d − 1)(k − 1) j = 1 · 2 · 16 = 32 … and everything above it too.
    await typeInto(page, `${T} [aria-label="conv5: dilation"]`, '2');
    expect(await lastRow()).toEqual(['4', '32', '227', '64']);
    expect(await page.inputValue(`#network-table-preset`)).toBe('custom');
    await urlParam(page, 'network-table.preset').toBe('custom');

    // A bad cell: message, stale results, nothing thrown.
    await typeInto(page, `${T} [aria-label="conv1: stride"]`, '0');
    expect(await page.locator(`${T} [data-role="message"]`).textContent()).toMatch(/between 1 and 1024/);
    expect(await isStale(page, T)).toBe(true);
    await typeInto(page, `${T} [aria-label="conv1: stride"]`, '4');
    expect(await isStale(page, T)).toBe(false);

    // A network that shrinks to nothing names the layer.
    await typeInto(page, '#network-table-input', '40');
    expect(await page.locator(`${T} [data-role="message"]`).textContent()).toMatch(/Layer "conv5": its input of size 1 is too small for kernel 3, dilation 2/);
    await typeInto(page, '#network-table-input', 'abc');
    expect(await page.locator('#network-table-input-error').textContent()).toMatch(/must be a whole number, like 2\./);
    await typeInto(page, '#network-table-input', '224');

    // ceil_mode: pool5's last window (start 8 of a 10-wide map) starts inside, so ceil gives 5 windows, not 4.
    await page.check(`${T} [aria-label="pool5: ceil mode (pooling only)"]`);
    expect(await lastRow()).toEqual(['5', '32', '227', '64']);
    // Kind: a convolution has no ceil mode, and the message says so.
    await page.selectOption(`${T} [aria-label="pool5: kind"]`, { label: 'conv' });
    expect(await page.locator(`${T} [data-role="message"]`).textContent()).toMatch(/"pool5": ceil_mode applies to pooling layers only/);
    await page.selectOption(`${T} [aria-label="pool5: kind"]`, { label: 'avgpool' });
    expect(await lastRow()).toEqual(['5', '32', '227', '64']);
    await page.uncheck(`${T} [aria-label="pool5: ceil mode (pooling only)"]`);
    expect(await lastRow()).toEqual(['4', '32', '227', '64']);

    // Reorder and add with the keyboard-reachable buttons.
    const rowsBefore = await page.locator(`${T} [data-role="rows"] tr`).count();
    await page.click(`${T} [aria-label="Remove pool5"]`);
    expect(await page.locator(`${T} [data-role="rows"] tr`).count()).toBe(rowsBefore - 1);
    await page.click(`${T} [data-action="add"]`);
    expect(await page.locator(`${T} [data-role="rows"] tr`).count()).toBe(rowsBefore);
    await page.focus(`${T} [aria-label="Move conv1 down"]`);
    await page.keyboard.press('Enter');
    expect(await page.locator(`${T} [data-role="rows"] tr th`).nth(1).textContent()).toBe('conv1');

    // The edited network, names included, survives a reload through the URL.
    await urlWritten(page);
    const layers = new URL(page.url()).searchParams.get('network-table.layers');
    const names = await page.locator(`${T} [data-role="rows"] tr th`).allInnerTexts();
    expect(names.slice(0, 2)).toEqual(['pool1', 'conv1']);
    await page.reload();
    await urlParam(page, 'network-table.layers').toBe(layers);
    expect(await page.locator(`${T} [data-role="rows"] tr th`).allInnerTexts()).toEqual(names);
    expect(await page.inputValue('#network-table-preset')).toBe('custom');

    // A branching preset is read-only, and Inception v3 ends at 1311 / 32 / 618.
    await page.selectOption('#network-table-preset', 'torchvision/inception_v3');
    expect(await lastRow()).toEqual(['8', '32', '1311', '618']);
    expect(await page.locator(`${T} [data-role="rows"] input`).count()).toBe(0);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('two recursions: stepping both ways reaches 195', async () => {
    const { page, consoleErrors } = await openPage('receptive-field/');
    const W = '#two-recursions';
    await page.click(`${W} [data-action="step"]`);
    expect(await page.locator(`${W} [data-role="down"] li`).first().textContent()).toBe('through pool5 (k = 3, s = 2): RF = (1 − 1) · 2 + 3 = 3');
    expect(await page.locator(`${W} [data-role="up"] li`).first().textContent()).toBe('conv1 (k = 11, j = 1): r = 1 + (11 − 1) · 1 = 11; then j = 4');
    await page.click(`${W} [data-action="all"]`);
    expect(await page.locator(`${W} [data-role="down"] li`).last().textContent()).toMatch(/= 195$/);
    expect(await page.locator(`${W} [data-role="up"] li`).last().textContent()).toMatch(/= 195; then j = 32$/);
    expect(await page.locator(`${W} [data-action="step"]`).isDisabled()).toBe(true);
    await page.selectOption('#two-recursions-preset', 'vgg16');
    await page.click(`${W} [data-action="all"]`);
    expect(await page.locator(`${W} [data-role="down"] li`).last().textContent()).toMatch(/= 212$/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('RF explorer: arrow keys, hover and click move the unit; every layer shows its window, padding and centre', async () => {
    const { page, consoleErrors } = await openPage('receptive-field/');
    const W = '#rf-explorer';
    const lines = () => page.locator(`${W} [data-role="text"] li`).allInnerTexts();
    expect((await lines())[0]).toBe('pool5: units 2…2, 1 wide');
    expect((await lines()).at(-1)).toBe('image: units 0…194, 195 wide');
    await page.focus(`${W} [data-role="svg"]`);
    await page.keyboard.press('Home');
    expect((await lines()).at(-1)).toBe('image: units −64…130, 195 wide (64 of them padding)'.replace('−', '-'));
    // The padding zone is drawn (hatched) on the rows whose window reaches past the map, and every row has its centre.
    expect(await page.locator(`${W} .stack-pad`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${W} .stack-centre`).count()).toBe((await lines()).length);
    await page.keyboard.press('End');
    expect(await page.getAttribute(`${W} [data-role="svg"]`, 'aria-valuenow')).toBe('4');

    // Hovering with a mouse and clicking pick the unit under the pointer (pool5 has 5 units across the top row).
    const unitCentre = (unit: number) =>
      page.locator(`${W} [data-role="svg"]`).evaluate((svg: SVGSVGElement, i) => {
        const point = new DOMPoint(70 + ((i + 0.5) * (640 - 70 - 6)) / 5, 13).matrixTransform(svg.getScreenCTM()!);
        return { x: point.x, y: point.y };
      }, unit);
    const one = await unitCentre(1);
    await page.mouse.move(one.x, one.y);
    await expect.poll(() => page.getAttribute(`${W} [data-role="svg"]`, 'aria-valuenow')).toBe('1');
    expect((await lines()).at(-1)).toBe('image: units -32…162, 195 wide (32 of them padding)');
    const three = await unitCentre(3);
    await page.mouse.click(three.x, three.y);
    expect(await page.getAttribute(`${W} [data-role="svg"]`, 'aria-valuenow')).toBe('3');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('RF on an image: AlexNet pool5 at 227, keyboard and click pick units', async () => {
    const { page, consoleErrors, failedRequests } = await openPage('receptive-field/');
    const W = '#rf-on-image';
    await page.waitForLoadState('networkidle');
    expect(failedRequests).toEqual([]);
    const caption = () => page.locator(`${W} [data-role="caption"]`).innerText();
    expect(await caption()).toMatch(/^Unit \(3, 2\) of features\.12 \(a 6×6 map\) sees rows 30…224 and columns -2…192: 195×195 pixels/);
    await page.focus(`${W} [data-role="svg"]`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    expect(await caption()).toMatch(/^Unit \(2, 1\)/);
    await urlParam(page, 'rf-on-image.col').toBe('1');
    await page.selectOption('#rf-on-image-layer', '1');
    expect(await caption()).toMatch(/of features\.0 \(a 56×56 map\) sees .* 11×11 pixels/);
    const box = (await page.locator(`${W} [data-role="image"]`).boundingBox())!;
    await page.mouse.click(box.x + 2, box.y + 2);
    expect(await caption()).toMatch(/^Unit \(0, 0\)/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
