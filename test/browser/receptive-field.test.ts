import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, typeInto, urlParam, urlWritten } from '../support/widgets';

const T = '#network-table';
const lastRow = (page: Page) => page.locator(`${T} [data-role="rows"] tr`).last().locator('.result').allInnerTexts();
const names = (page: Page) => page.locator(`${T} [data-role="rows"] tr th`).allInnerTexts();
const cell = (page: Page, name: string) => page.locator(T).getByRole('textbox', { name, exact: true });
const message = (page: Page, widget: string) => page.locator(`${widget} [data-role="message"]`).textContent();

describeInBrowser('receptive fields: the network table', () => {
  useBrowser();

  it('AlexNet ends at pool5: 5 units, jump 32, receptive field 195, padding 64', async () => {
    const { page } = await openPage('receptive-field/');
    expect(await lastRow(page)).toEqual(['5', '32', '195', '64']);
    expect(await cell(page, 'conv1: padding').inputValue()).toBe('0');
  });

  it('at 1280 px every column shows, up to the row buttons, without scrolling the table sideways', async () => {
    const { page } = await openPage('receptive-field/', { viewport: { width: 1280, height: 900 } });
    const region = page.locator(`${T} .table-scroll`);
    const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await expect.poll(() => page.getByRole('button', { name: 'Remove pool5' }).isVisible()).toBe(true);
  });

  it('dilating conv5 grows its field by (d − 1)(k − 1)j = 32, and the preset becomes custom', async () => {
    const { page } = await openPage('receptive-field/');
    await typeInto(page, `${T} [aria-label="conv5: dilation"]`, '2');
    expect(await lastRow(page)).toEqual(['4', '32', '227', '64']);
    expect(await page.inputValue('#network-table-preset')).toBe('custom');
    await urlParam(page, 'network-table.preset').toBe('custom');
  });

  it('a bad cell is explained in the widget and dims the results until it is fixed', async () => {
    const { page } = await openPage('receptive-field/');
    await typeInto(page, `${T} [aria-label="conv1: stride"]`, '0');
    expect(await message(page, T)).toMatch(/The stride of conv1 must be between 1 and 1024/);
    expect(await page.getAttribute(`${T} [aria-label="conv1: stride"]`, 'aria-invalid')).toBe('true');
    expect(await isStale(page, T)).toBe(true);
    await typeInto(page, `${T} [aria-label="conv1: stride"]`, '4');
    expect(await isStale(page, T)).toBe(false);
    expect(await page.getAttribute(`${T} [aria-label="conv1: stride"]`, 'aria-invalid')).toBeNull();
  });

  it('a network that shrinks to nothing names the layer; a bad size then replaces that message', async () => {
    const { page } = await openPage('receptive-field/');
    await typeInto(page, '#network-table-input', '40');
    expect(await message(page, T)).toMatch(/Layer "pool5": its input of size 1 is too small for kernel 3/);
    await typeInto(page, '#network-table-input', 'abc');
    expect(await page.locator('#network-table-input-error').textContent()).toMatch(/must be a whole number, like 2\./);
    expect(await message(page, T)).toBe('');
  });

  it('ceil_mode gives pool5 a fifth window; a conv has no ceil mode, and the message says so', async () => {
    const { page } = await openPage('receptive-field/');
    await typeInto(page, `${T} [aria-label="conv5: dilation"]`, '2');
    await page.locator(T).getByRole('checkbox', { name: 'pool5: ceil mode (pooling only)' }).check();
    expect(await lastRow(page)).toEqual(['5', '32', '227', '64']);
    await page.locator(T).getByRole('combobox', { name: 'pool5: kind' }).selectOption({ label: 'conv' });
    expect(await message(page, T)).toMatch(/"pool5": ceil_mode applies to pooling layers only/);
    await page.locator(T).getByRole('combobox', { name: 'pool5: kind' }).selectOption({ label: 'avgpool' });
    expect(await lastRow(page)).toEqual(['5', '32', '227', '64']);
    await page.locator(T).getByRole('checkbox', { name: 'pool5: ceil mode (pooling only)' }).uncheck();
    expect(await lastRow(page)).toEqual(['4', '32', '227', '64']);
  });

  it('removes, adds and reorders layers with buttons; names and layers survive the link', async () => {
    const { page } = await openPage('receptive-field/');
    await page.locator(T).getByRole('button', { name: 'Remove pool5' }).click();
    expect(await names(page)).toHaveLength(7);
    await page.locator(T).getByRole('button', { name: 'Add a layer' }).click();
    expect(await names(page)).toHaveLength(8);
    await page.locator(T).getByRole('button', { name: 'Move conv1 down' }).focus();
    await page.keyboard.press('Enter');
    expect((await names(page)).slice(0, 2)).toEqual(['pool1', 'conv1']);
    await urlWritten(page);
    const layers = new URL(page.url()).searchParams.get('network-table.layers');
    const before = await names(page);
    await reloadPage(page);
    await urlParam(page, 'network-table.layers').toBe(layers);
    expect(await names(page)).toEqual(before);
    expect(await page.inputValue('#network-table-preset')).toBe('custom');
  });

  it('forty layers, the most the table takes, survive their link', async () => {
    const codes = Array.from({ length: 40 }, () => '0,3,1,1,1,0').join(',');
    const { page } = await openPage(`receptive-field/?network-table.preset=custom&network-table.layers=${codes}&network-table.input=4096`);
    expect(await names(page)).toHaveLength(40);
    expect(await lastRow(page)).toEqual(['4096', '1', '81', '40']);
    expect(await page.locator(T).getByRole('button', { name: 'Add a layer' }).isDisabled()).toBe(true);
    expect(await message(page, T)).toBe('');
  });

  it('a branching preset is read-only, and Inception v3 ends at 1311 / 32 / 618', async () => {
    const { page } = await openPage('receptive-field/');
    await page.selectOption('#network-table-preset', 'torchvision/inception_v3');
    expect(await lastRow(page)).toEqual(['8', '32', '1311', '618']);
    expect(await page.locator(`${T} [data-role="rows"] input`).count()).toBe(0);
    expect(await page.locator(T).getByRole('button', { name: 'Add a layer' }).isDisabled()).toBe(true);
    await page.selectOption('#network-table-preset', 'custom');
    // The last plain stack, editable again, at Inception's input size of 299.
    expect(await lastRow(page)).toEqual(['8', '32', '195', '64']);
    expect(await page.locator(`${T} [data-role="rows"] input`).count()).toBeGreaterThan(0);
    await expectNoBrokenNumbers(page);
  });

  it('the bundled networks table shows every row and column at 1280 px, breaking names only after a slash or dot', async () => {
    const { page } = await openPage('receptive-field/', { viewport: { width: 1280, height: 800 } });
    const table = page.locator('.rf-presets');
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(16);
    expect(await table.evaluate((box) => [box.scrollWidth - box.clientWidth, box.scrollHeight - box.clientHeight])).toEqual([0, 0]);
    // Each part of a name (the text between <wbr>s) stays on one line.
    const brokenParts = await table.evaluate((box) =>
      [...box.querySelectorAll('code')].flatMap((code) =>
        [...code.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).flatMap((node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1 ? [node.textContent] : [];
        }),
      ),
    );
    expect(brokenParts).toEqual([]);
  });

  it.each([
    ['an unknown kind code', 'preset=custom&network-table.layers=9,3,1,1,1,0'],
    ['a kernel of 0', 'preset=custom&network-table.layers=0,0,1,1,1,0,0'],
    ['an unknown kind under a preset', 'preset=alexnet&network-table.layers=3,3,1,1,1,0'],
  ])('a link with %s is refused with a message; the table stays editable', async (_what, query) => {
    const { page } = await openPage(`receptive-field/?network-table.${query}`);
    expect(await message(page, T)).toMatch(/“layers” was ignored/);
    expect(await lastRow(page)).toEqual(['5', '32', '195', '64']);
    expect(await page.locator(`${T} [data-role="rows"] input[type="text"]`).count()).toBeGreaterThan(0);
  });
});

describeInBrowser('receptive fields: two recursions, one answer', () => {
  useBrowser();
  const W = '#two-recursions';

  it('stepping both ways reaches 195 for AlexNet and 212 for VGG16', async () => {
    const { page } = await openPage('receptive-field/');
    // Before the first step each panel says where its recursion starts.
    expect(await page.locator(`${W} .recursion-start`).allTextContents()).toEqual(['Start: RF = 1, one unit of pool5.', 'Start: r = 1 and j = 1, one pixel of the image.']);
    await page.locator(W).getByRole('button', { name: 'Step', exact: true }).click();
    expect(await page.locator(`${W} [data-role="down"] li`).first().textContent()).toBe('through pool5 (k = 3, s = 2): RF = (1 − 1) · 2 + 3 = 3');
    expect(await page.locator(`${W} [data-role="up"] li`).first().textContent()).toBe('conv1 (k = 11, j = 1): r = 1 + (11 − 1) · 1 = 11; then j = 4');
    await page.locator(W).getByRole('button', { name: 'Show all' }).click();
    expect(await page.locator(`${W} [data-role="down"] li`).last().textContent()).toMatch(/= 195$/);
    expect(await page.locator(`${W} [data-role="up"] li`).last().textContent()).toMatch(/= 195; then j = 32$/);
    expect(await page.locator(W).getByRole('button', { name: 'Step', exact: true }).isDisabled()).toBe(true);
    await page.selectOption('#two-recursions-preset', 'vgg16');
    await page.locator(W).getByRole('button', { name: 'Show all' }).click();
    expect(await page.locator(`${W} [data-role="down"] li`).last().textContent()).toMatch(/= 212$/);
    expect(await page.locator(`${W} .recursion-start`).first().textContent()).toMatch(/^Start: RF = 1, one unit of \S+\.$/);
  });
});

describeInBrowser('receptive fields: one unit followed down to the image', () => {
  useBrowser();
  const W = '#rf-explorer';
  const lines = (page: Page) => page.locator(`${W} [data-role="text"] li`).allInnerTexts();

  it('the arrow keys move the unit; every layer shows its window, padding and centre', async () => {
    const { page } = await openPage('receptive-field/');
    expect((await lines(page))[0]).toBe('pool5: units 2…\u20602, 1 wide');
    expect((await lines(page)).at(-1)).toBe('image: units 0…\u2060194, 195 wide');
    await page.locator(W).getByRole('slider', { name: 'Unit of the top layer' }).focus();
    await page.keyboard.press('Home');
    expect((await lines(page)).at(-1)).toBe('image: units −64…\u2060130, 195 wide (64 of them padding)');
    expect(await page.locator(`${W} .stack-pad`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${W} .stack-centre`).count()).toBe((await lines(page)).length);
    await page.keyboard.press('End');
    expect(await page.getAttribute(`${W} [data-role="svg"]`, 'aria-valuenow')).toBe('4');
  });

  it('hovering with a mouse and clicking pick the unit under the pointer', async () => {
    const { page } = await openPage('receptive-field/');
    await page.locator(`${W} [data-role="svg"]`).scrollIntoViewIfNeeded();
    const unitCentre = (unit: number) =>
      page.locator(`${W} [data-role="svg"]`).evaluate((svg: SVGSVGElement, i) => {
        const point = new DOMPoint(70 + ((i + 0.5) * (640 - 70 - 6)) / 5, 13).matrixTransform(svg.getScreenCTM()!);
        return { x: point.x, y: point.y };
      }, unit);
    const one = await unitCentre(1);
    await page.mouse.move(one.x, one.y);
    await expect.poll(() => page.getAttribute(`${W} [data-role="svg"]`, 'aria-valuenow')).toBe('1');
    expect((await lines(page)).at(-1)).toBe('image: units −32…\u2060162, 195 wide (32 of them padding)');
    const three = await unitCentre(3);
    await page.mouse.click(three.x, three.y);
    expect(await page.getAttribute(`${W} [data-role="svg"]`, 'aria-valuenow')).toBe('3');
  });
});

describeInBrowser('receptive fields: a receptive field on a picture', () => {
  useBrowser();
  const W = '#rf-on-image';
  const caption = (page: Page) => page.locator(`${W} [data-role="caption"]`).innerText();

  it('opens where the text leaves off: AlexNet pool5 at 224, unit (0, 0) sees −64…130; arrow keys move the unit', async () => {
    const { page, failedRequests } = await openPage('receptive-field/');
    await page.waitForLoadState('networkidle');
    expect(failedRequests).toEqual([]);
    expect(await caption(page)).toMatch(/^Unit \(0, 0\) of pool5 \(a 5×5 map\) sees rows −64…\u2060130 and columns −64…\u2060130: 195×195 pixels, part of it padding/);
    await page.focus(`${W} [data-role="svg"]`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await caption(page)).toMatch(/^Unit \(1, 1\) of pool5 \(a 5×5 map\) sees rows −32…\u2060162/);
    await urlParam(page, 'rf-on-image.col').toBe('1');
  });

  it('torchvision AlexNet at 227: features.12 unit (3, 2) sees rows 30…224 and columns −2…192', async () => {
    const { page } = await openPage('receptive-field/?rf-on-image.preset=torchvision/alexnet&rf-on-image.input=227&rf-on-image.layer=8&rf-on-image.row=3&rf-on-image.col=2');
    expect(await caption(page)).toMatch(/^Unit \(3, 2\) of features\.12 \(a 6×6 map\) sees rows 30…\u2060224 and columns −2…\u2060192: 195×195 pixels/);
  });

  it('another layer and a click on the picture pick a unit', async () => {
    const { page } = await openPage('receptive-field/');
    await page.locator(W).getByRole('combobox', { name: 'Layer' }).selectOption('1');
    expect(await caption(page)).toMatch(/of conv1 \(a 54×54 map\) sees .* 11×11 pixels/);
    await page.locator(`${W} [data-role="image"]`).scrollIntoViewIfNeeded();
    const box = (await page.locator(`${W} [data-role="image"]`).boundingBox())!;
    await page.mouse.click(box.x + 2, box.y + 2);
    expect(await caption(page)).toMatch(/^Unit \(0, 0\)/);
    await expectNoBrokenNumbers(page);
  });

  it('an input too small for the network is explained, and clicks and keys then do no harm', async () => {
    const { page } = await openPage('receptive-field/?rf-on-image.input=16');
    expect(await message(page, W)).toMatch(/too small/);
    await page.focus(`${W} [data-role="svg"]`);
    await page.keyboard.press('ArrowLeft');
    const box = (await page.locator(`${W} [data-role="svg"]`).boundingBox())!;
    await page.mouse.click(box.x + 5, box.y + 5);
    expect(await message(page, W)).toMatch(/too small/);
    await typeInto(page, '#rf-on-image-input', '227');
    expect(await message(page, W)).toBe('');
  });
});
