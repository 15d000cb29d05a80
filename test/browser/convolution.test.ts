import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { conv2d, im2col, kernelMatrix, matmul, seededRandom } from '../../src/compute';
import { describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, startWidget, typeInto, urlParam, urlWritten } from '../support/widgets';

const WINDOW = '#conv-window';
const PARAMS = '#conv-params';
const MODEL = '#conv-model';
const PLAYGROUND = '#conv-playground';
/** Reads the page's numbers back: real minus signs to ASCII. */
const toNumber = (text: string) => Number(text.replace(/−/g, '-'));

describeInBrowser('convolution: the sliding window', () => {
  useBrowser();
  const products = (page: Page) => page.locator(`${WINDOW} [data-role="products"]`).innerText();
  const outputs = (page: Page) => page.locator(`${WINDOW} [data-role="output"] button`).allInnerTexts();

  it('shows the output map and writes one output as products and their sum', async () => {
    const { page } = await openPage('convolution/');
    expect(await outputs(page)).toEqual(['−1', '−1', '0', '−3', '1', '3', '−1', '1', '1']);
    expect(await products(page)).toBe('out[0, 0] = 1·1 + 2·0 + 0·(−1) + 0·1 + 1·0 + 3·(−1) + 2·1 + 0·0 + 1·(−1) = −1');
    await page.locator(WINDOW).getByRole('button', { name: 'Step' }).click();
    expect(await products(page)).toMatch(/^out\[0, 1\] = 2·1 .* = −1$/);
  });

  it('arrow keys move the selected output cell and the focus', async () => {
    const { page } = await openPage('convolution/');
    await page.focus(`${WINDOW} [data-role="output"] button[aria-pressed="true"]`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await products(page)).toMatch(/^out\[1, 1\] .* = 1$/);
    await page.keyboard.press('End');
    expect(await products(page)).toMatch(/^out\[1, 2\] .* = 3$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('3');
    await urlParam(page, 'conv-window.at').toBe('5');
    expect(await page.locator(`${WINDOW} [data-role="live"]`).textContent()).toBe('Output row 1, column 2 is 3.');
  });

  it('the scrub slider picks a cell; Play advances, wrapping, until paused', async () => {
    const { page } = await openPage('convolution/');
    await page.locator(WINDOW).getByRole('slider', { name: 'Output cell' }).focus();
    await page.keyboard.press('End');
    expect(await products(page)).toMatch(/^out\[2, 2\]/);
    const play = page.locator(`${WINDOW} [data-role="play"]`);
    await play.click();
    expect(await play.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => products(page), { timeout: 3000 }).toMatch(/^out\[0, 0\]/);
    await play.click();
    const paused = await products(page);
    await page.waitForTimeout(1000);
    expect(await products(page)).toBe(paused);
  });

  it('stride 2 and padding 1 give the worked example, with 5 taps on the padding; a shared link restores them', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-window-s', '2');
    await typeInto(page, '#conv-window-p', '1');
    expect(await outputs(page)).toEqual(['−3', '0', '3', '−4', '1', '3', '−4', '2', '2']);
    expect(await products(page)).toMatch(/^out\[0, 0\] = .* = −3$/);
    expect(await page.locator(`${WINDOW} [data-role="input-caption"]`).innerText()).toContain('5 fall on padding');
    expect(await page.locator(`${WINDOW} [data-role="size"]`).innerText()).toContain('Hₒ = ⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3');
    await urlParam(page, 'conv-window.s').toBe('2');
    await urlWritten(page);
    await reloadPage(page);
    expect(await outputs(page)).toEqual(['−3', '0', '3', '−4', '1', '3', '−4', '2', '2']);
    expect(await page.inputValue('#conv-window-p')).toBe('1');
  });

  it('a ragged input is explained beside it; the last good result stays, dimmed', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-window-x', '1 2 3\n4 5');
    expect(await page.locator('#conv-window-x-error').textContent()).toBe('Row 2 of the input has 2 numbers, but row 1 has 3: every row needs the same count.');
    expect(await isStale(page, WINDOW)).toBe(true);
    expect(await outputs(page)).toHaveLength(9);
  });

  it('a kernel that does not fit is a widget message, gone once padding makes it fit', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-window-x', '1 2\n3 4');
    expect(await page.locator('#conv-window-x-error').textContent()).toBe('');
    expect(await page.locator(`${WINDOW} [data-role="message"]`).textContent()).toMatch(/does not fit the 2×2 input/);
    expect(await isStale(page, WINDOW)).toBe(true);
    await typeInto(page, '#conv-window-p', '1');
    expect(await page.locator(`${WINDOW} [data-role="message"]`).textContent()).toBe('');
    expect(await outputs(page)).toHaveLength(4);
  });

  it('bad kernel entries and dilation are explained beside their fields', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-window-w', '1 x');
    expect(await page.locator('#conv-window-w-error').textContent()).toBe('The entry in row 1, column 2 must be a number, like 2 or 0.5.');
    await typeInto(page, '#conv-window-w', '1 1 1 1 1 1');
    expect(await page.locator('#conv-window-w-error').textContent()).toBe('The kernel can have at most 5 columns, not 6.');
    await typeInto(page, '#conv-window-d', '0');
    expect(await page.locator('#conv-window-d-error').textContent()).toBe('The dilation must be between 1 and 3.');
    await expectNoBrokenNumbers(page);
  });

  it('a 9×9 input of −12.5 and the last cell of a 15×15 output survive their link', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-window-x', Array.from({ length: 9 }, () => Array(9).fill('-12.5').join(' ')).join('\n'));
    await typeInto(page, '#conv-window-w', '1');
    await typeInto(page, '#conv-window-p', '3');
    await page.locator(WINDOW).getByRole('slider', { name: 'Output cell' }).focus();
    await page.keyboard.press('End');
    expect(await products(page)).toMatch(/^out\[14, 14\] = /);
    await urlWritten(page);
    await reloadPage(page);
    expect(await products(page)).toMatch(/^out\[14, 14\] = /);
    expect(await page.locator(`${WINDOW} [data-role="message"]`).textContent()).toBe('');
    expect((await page.inputValue('#conv-window-x')).split('\n')).toHaveLength(9);
  });

  it('a crafted link is refused field by field, with a message, and cannot break the widget', async () => {
    const { page } = await openPage('convolution/?conv-window.x=2x2:1,2,3&conv-window.s=<b>');
    expect(await page.locator(`${WINDOW} [data-role="message"]`).textContent()).toMatch(/“x” was ignored: a 2×2 matrix needs 4 numbers\. .*“s” was ignored/);
    expect(await outputs(page)).toHaveLength(9);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('convolution: the parameter counter', () => {
  useBrowser();
  const texts = (page: Page) => page.locator(`${PARAMS} .bar-value`).allInnerTexts();

  it('makes the 10¹² / 10⁸ / 100 / 10⁴ argument on log-scale bars', async () => {
    const { page } = await openPage('convolution/');
    expect(await texts(page)).toEqual([
      '1,000,000,000,000 weights (4 TB): every unit sees all 1,000,000 pixels',
      '100,000,000 weights (400 MB): each unit sees one 10×10 window',
      '100 weights (400 B): every unit uses the same window weights',
      '10,000 weights (40 kB): 100 feature maps',
    ]);
    const widths = await page.locator(`${PARAMS} .bar-fill`).evaluateAll((fills) => fills.map((f) => parseFloat((f as HTMLElement).style.width)));
    expect(widths[0]).toBeCloseTo(100, 0);
    expect(widths[1]).toBeCloseTo((8.02 / 12.02) * 100, 1);
  });

  it('follows typed sizes, digit groups included', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-params-window', '5');
    expect((await texts(page))[2]).toMatch(/^25 weights/);
    await typeInto(page, '#conv-params-window', '3');
    await typeInto(page, '#conv-params-hidden', '1 000');
    expect((await texts(page))[0]).toMatch(/^1,000,000,000 weights/);
    await urlParam(page, 'conv-params.hidden').toBe('1000');
  });

  it('a window larger than the image, and a count out of range, are explained', async () => {
    const { page } = await openPage('convolution/');
    await typeInto(page, '#conv-params-window', '2000');
    expect(await page.locator(`${PARAMS} [data-role="message"]`).textContent()).toBe('The window (2000) cannot be larger than the image (1000).');
    expect(await isStale(page, PARAMS)).toBe(true);
    await typeInto(page, '#conv-params-hidden', '1e9');
    expect(await page.locator('#conv-params-hidden-error').textContent()).toMatch(/between 1 and 100000000/);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('convolution: 3 channels in, O maps out', () => {
  useBrowser();
  const breakdown = (page: Page) => page.locator(`${MODEL} [data-role="breakdown"]`).innerText();
  const mapValues = (page: Page, i: number) => page.locator(`#conv-model-map-${i} button`).allInnerTexts();
  /** The selected value is the sum of its three channel sums, as written. */
  const checkSum = async (page: Page) => {
    const [head] = (await breakdown(page)).split('\n');
    const [, sums, total] = head!.match(/sum over channels: (.*) = (\S+)$/)!;
    const parts = sums!.split(' + ').map(toNumber);
    expect(parts).toHaveLength(3);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(toNumber(total!));
    return toNumber(total!);
  };

  it('a value is the sum of its channels, and the code box reproduces every map', async () => {
    const { page } = await openPage('convolution/');
    expect(await checkSum(page)).toBe(toNumber((await mapValues(page, 0))[0]!));
    const code = await page.locator(`${MODEL} [data-role="snippet"]`).textContent();
    const body = code!.split('\n').filter((line) => !line.startsWith('import')).join('\n');
    const run = new Function('conv2d', 'im2col', 'kernelMatrix', 'matmul', 'seededRandom', `${body}\nreturn { maps, same };`);
    const { maps, same } = run(conv2d, im2col, kernelMatrix, matmul, seededRandom);
    const onPage = [...(await mapValues(page, 0)), ...(await mapValues(page, 1))].map(toNumber);
    expect(Array.from(maps.data)).toEqual(onPage);
    expect(Array.from(same.data)).toEqual(onPage);
  });

  it('a click picks a value of map 2 and the arrow keys move it', async () => {
    const { page } = await openPage('convolution/');
    await page.locator('#conv-model-map-1 button').nth(5).click();
    expect(await breakdown(page)).toMatch(/^map 2 at \(1, 1\)/);
    expect(await checkSum(page)).toBe(toNumber((await mapValues(page, 1))[5]!));
    await page.keyboard.press('ArrowRight');
    expect(await breakdown(page)).toMatch(/^map 2 at \(1, 2\)/);
    expect(await page.locator(`${MODEL} svg[data-channel="0"] .conv-tap`).count()).toBe(9);
  });

  it('the selected kernel’s slices, one k×k block per channel, hold the weights its sums multiply by', async () => {
    const { page } = await openPage('convolution/');
    /** Each channel's weights in tap order, read off the products "value·weight" of its line in the breakdown. */
    const weightsInSums = async () => (await breakdown(page)).split('\n').slice(1).map((line) =>
      line.replace(/^[RGB]: /, '').replace(/ = \S+$/, '').split(' + ').map((term) => toNumber(term.split('·')[1]!.replace(/[()]/g, ''))));
    const slices = async () => (await page.locator(`${MODEL} [data-role="kernel"] pre`).allInnerTexts()).map((text) =>
      text.trim().split('\n').map((row) => row.trim().split(/\s+/).map(toNumber)));
    const first = await slices();
    expect(first).toHaveLength(3);
    for (const slice of first) expect(slice.map((row) => row.length)).toEqual([3, 3, 3]);
    expect(first.map((slice) => slice.flat())).toEqual(await weightsInSums());
    await page.locator('#conv-model-map-1 button').first().click();
    const second = await slices();
    expect(second).not.toEqual(first);
    expect(second.map((slice) => slice.flat())).toEqual(await weightsInSums());
  });

  it('more kernels, new numbers, and the im2col view whose product equals conv2d', async () => {
    const { page } = await openPage('convolution/');
    await page.locator(MODEL).getByRole('combobox', { name: 'Kernels O' }).selectOption('4');
    expect(await page.locator(`${MODEL} [data-role="maps"] table`).count()).toBe(4);
    await page.locator(MODEL).getByRole('button', { name: 'New numbers' }).click();
    await urlParam(page, 'conv-model.seed').toBe('2');
    await page.locator(MODEL).getByRole('checkbox', { name: 'Show as im2col × kernel matrix' }).check();
    expect(await page.locator(`${MODEL} [data-role="direct"]`).isHidden()).toBe(true);
    expect(await page.locator(`${MODEL} [data-role="agreement"]`).textContent()).toBe("Largest difference between this product and conv2d’s maps: 0.");
    expect(await page.locator(`${MODEL} [data-role="patch-matrix"] caption`).textContent()).toMatch(/27 taps × 16 output positions/);
    expect((await page.locator(`${MODEL} [data-role="product-matrix"] td[data-selected]`).allInnerTexts()).length).toBeGreaterThan(1);
    await page.locator(MODEL).getByRole('combobox', { name: 'Kernel side k' }).selectOption('1');
    await page.locator(MODEL).getByRole('combobox', { name: 'Input side n' }).selectOption('6');
    expect(await page.locator(`${MODEL} [data-role="patch-matrix"] caption`).textContent()).toMatch(/3 taps × 64 output positions/);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('convolution: kernels on a picture', () => {
  useBrowser();
  const captions = (page: Page) => page.locator(`${PLAYGROUND} figure[data-map] figcaption`).allInnerTexts();
  const kernel = (page: Page, name: string) => page.locator(PLAYGROUND).getByRole('checkbox', { name, exact: true });
  const opened = async () => {
    const watched = await openPage('convolution/', { widgets: 'near' });
    expect(await captions(watched.page)).toEqual([]); // far down the page, it has not started yet
    await startWidget(watched.page, PLAYGROUND);
    await expect.poll(() => captions(watched.page)).toHaveLength(4);
    return watched;
  };

  it('draws four maps from the bundled picture once it comes into view', async () => {
    const { page, failedRequests } = await opened();
    expect((await captions(page))[0]).toMatch(/^Box blur: 256×256, values 0\.\d+ to 0\.\d+$/);
    expect((await captions(page))[1]).toMatch(/^Sobel x: 256×256, values −\d/);
    expect(failedRequests).toEqual([]);
  });

  it('identity with same padding reproduces the input exactly', async () => {
    const { page } = await opened();
    for (const name of ['Box blur', 'Sobel x', 'Sobel y', 'Laplacian']) await kernel(page, name).uncheck();
    await kernel(page, 'Identity').check();
    const identical = await page.evaluate(() => {
      const pixels = (canvas: HTMLCanvasElement) => canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.join(',');
      const [source, map] = [...document.querySelectorAll<HTMLCanvasElement>('#conv-playground canvas')];
      return pixels(source!) === pixels(map!);
    });
    expect(identical).toBe(true);
  });

  it('stride halves the maps and ReLU drops the negatives', async () => {
    const { page } = await opened();
    for (const name of ['Box blur', 'Sobel y', 'Laplacian']) await kernel(page, name).uncheck();
    await kernel(page, 'Identity').check();
    await typeInto(page, '#conv-playground-s', '2');
    expect(await captions(page)).toEqual([expect.stringMatching(/^Identity: 128×128/), expect.stringMatching(/^Sobel x: 128×128, values −/)]);
    await page.locator(PLAYGROUND).getByRole('checkbox', { name: 'ReLU (max(0, x))' }).check();
    expect((await captions(page))[1]).toMatch(/^Sobel x: 128×128, values 0 to /);
    await urlParam(page, 'conv-playground.k').toBe('0,5');
  });

  it('a typed kernel: a wrong shape is explained; a 3×3 one turns itself on and becomes a map', async () => {
    const { page } = await opened();
    await typeInto(page, '#conv-playground-c', '1 2\n3 4');
    expect(await page.locator('#conv-playground-c-error').textContent()).toBe('Your kernel is 2×2; make it 3×3 or 5×5.');
    expect(await isStale(page, PLAYGROUND)).toBe(true);
    await typeInto(page, '#conv-playground-c', '0 -1 0\n-1 4 -1\n0 -1 0');
    expect(await page.locator(PLAYGROUND).getByRole('checkbox', { name: 'Also your own kernel' }).isChecked()).toBe(true);
    expect((await captions(page))[4]).toMatch(/^Your kernel: 256×256/);
    await typeInto(page, '#conv-playground-d', '9');
    expect(await page.locator('#conv-playground-d-error').textContent()).toBe('The dilation must be between 1 and 4.');
    await expectNoBrokenNumbers(page);
  });

  it("the reader's own image is used locally: nothing is sent", async () => {
    const { page } = await opened();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' || request.postData() !== null || request.url().includes('corner')) sent.push(`${request.method()} ${request.url()}`);
    });
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 40, height: 30 } });
    await page.setInputFiles('#conv-playground-file', { name: 'corner.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator(`${PLAYGROUND} [data-role="source-caption"]`).innerText()).toBe('Input: your image “corner.png”, 40×30 in grey levels.');
    await expect.poll(async () => (await captions(page))[0]).toMatch(/^Box blur: 30×40/);
    expect(sent).toEqual([]);
  });

  it('a file that is not an image, and an image too small for the kernel, are explained', async () => {
    const { page, failedRequests } = await opened();
    await page.setInputFiles('#conv-playground-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await expect.poll(() => page.locator('#conv-playground-file-error').textContent()).toBe('“notes.txt” could not be read as an image. Try a PNG, JPEG or WebP file.');
    const tiny = await page.screenshot({ clip: { x: 0, y: 0, width: 8, height: 6 } });
    await page.setInputFiles('#conv-playground-file', { name: 'tiny.png', mimeType: 'image/png', buffer: tiny });
    await page.locator(PLAYGROUND).getByRole('checkbox', { name: 'Zero padding that keeps the size at stride 1' }).uncheck();
    await typeInto(page, '#conv-playground-d', '4');
    await expect.poll(() => page.locator(`${PLAYGROUND} [data-role="message"]`).textContent()).toMatch(/does not fit the 6×8 input/);
    expect(await isStale(page, PLAYGROUND)).toBe(true);
    await expectNoBrokenNumbers(page);
    expect(failedRequests).toEqual([]);
  });

  it('a rejected link value stays explained when the bundled picture arrives', async () => {
    const { page } = await openPage('convolution/?conv-playground.s=abc&conv-playground.d=9');
    await startWidget(page, PLAYGROUND);
    await expect.poll(() => captions(page)).toHaveLength(4);
    expect(await page.locator(`${PLAYGROUND} [data-role="message"]`).textContent()).toMatch(/“s” was ignored.*“d” was ignored: it must be between 1 and 4/);
  });
});
