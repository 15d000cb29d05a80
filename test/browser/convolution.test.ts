import { expect, it } from 'vitest';
import { conv2d, im2col, kernelMatrix, matmul, seededRandom } from '../../src/compute';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';
import { expectNoBrokenNumbers, isStale, startWidget, typeInto, urlParam, urlWritten } from '../support/widgets';

const WINDOW = '#conv-window';
const PARAMS = '#conv-params';
const MODEL = '#conv-model';
const PLAYGROUND = '#conv-playground';
/** Reads the page's numbers back: real minus signs to ASCII. */
const toNumber = (text: string) => Number(text.replace(/−/g, '-'));

describeInBrowser('convolution chapter widgets', () => {
  useBrowser();

  it('sliding window: products and sum, step, play, scrub, arrow keys, stride and padding, URL state', async () => {
    const { page, consoleErrors } = await openPage('convolution/');
    const products = () => page.locator(`${WINDOW} [data-role="products"]`).innerText();
    const outputs = () => page.locator(`${WINDOW} [data-role="output"] button`).allInnerTexts();
    expect(await outputs()).toEqual(['−1', '−1', '0', '−3', '1', '3', '−1', '1', '1']);
    expect(await products()).toBe('out[0, 0] = 1·1 + 2·0 + 0·(−1) + 0·1 + 1·0 + 3·(−1) + 2·1 + 0·0 + 1·(−1) = −1');
    await page.click(`${WINDOW} [data-role="step"]`);
    expect(await products()).toMatch(/^out\[0, 1\] = 2·1 .* = −1$/);

    // Keyboard: Tab stop is the selected cell; arrows move it and the focus.
    await page.focus(`${WINDOW} [data-role="output"] button[aria-pressed="true"]`);
    await page.keyboard.press('ArrowDown');
    expect(await products()).toMatch(/^out\[1, 1\] .* = 1$/);
    await page.keyboard.press('End');
    expect(await products()).toMatch(/^out\[1, 2\] .* = 3$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('3');
    await urlParam(page, 'conv-window.at').toBe('5');
    expect(await page.locator(`${WINDOW} [data-role="live"]`).textContent()).toBe('Output row 1, column 2 is 3.');

    // Scrub to the last cell.
    await page.focus('#conv-window-scrub');
    await page.keyboard.press('End');
    expect(await products()).toMatch(/^out\[2, 2\]/);

    // Play advances on its own (wrapping to the first cell) until paused.
    await page.click(`${WINDOW} [data-role="play"]`);
    expect(await page.getAttribute(`${WINDOW} [data-role="play"]`, 'aria-pressed')).toBe('true');
    await expect.poll(products, { timeout: 3000 }).toMatch(/^out\[0, 0\]/);
    await page.click(`${WINDOW} [data-role="play"]`);
    const paused = await products();
    await page.waitForTimeout(1000);
    expect(await products()).toBe(paused);

    // Stride 2 and padding 1: the worked example's second map, with 5 taps on the padding at (0, 0).
    await page.focus(`${WINDOW} [data-role="output"] button[aria-pressed="true"]`);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    await typeInto(page, '#conv-window-s', '2');
    await typeInto(page, '#conv-window-p', '1');
    expect(await outputs()).toEqual(['−3', '0', '3', '−4', '1', '3', '−4', '2', '2']);
    expect(await products()).toMatch(/^out\[0, 0\] = .* = −3$/);
    expect(await page.locator(`${WINDOW} [data-role="input-caption"]`).innerText()).toContain('5 fall on padding');
    expect(await page.locator(`${WINDOW} [data-role="size"]`).innerText()).toContain('Hₒ = ⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3');
    await urlParam(page, 'conv-window.s').toBe('2');
    await urlParam(page, 'conv-window.p').toBe('1');
    await urlWritten(page);

    // A shared link restores the configuration.
    await page.reload();
    expect(await outputs()).toEqual(['−3', '0', '3', '−4', '1', '3', '−4', '2', '2']);
    expect(await page.inputValue('#conv-window-p')).toBe('1');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('sliding window: bad input gets a message beside it and the last good result stays, dimmed', async () => {
    const { page, consoleErrors } = await openPage('convolution/');
    await typeInto(page, '#conv-window-x', '1 2 3\n4 5');
    expect(await page.locator('#conv-window-x-error').textContent()).toBe('Row 2 of the input has 2 numbers, but row 1 has 3: every row needs the same count.');
    expect(await isStale(page, WINDOW)).toBe(true);
    await typeInto(page, '#conv-window-x', '1 2\n3 4');
    expect(await page.locator('#conv-window-x-error').textContent()).toBe('');
    // A 3×3 kernel does not fit a 2×2 input without padding: the compute error is shown, not thrown.
    expect(await page.locator(`${WINDOW} [data-role="message"]`).textContent()).toMatch(/does not fit the 2×2 input/);
    expect(await isStale(page, WINDOW)).toBe(true);
    await typeInto(page, '#conv-window-p', '1');
    expect(await page.locator(`${WINDOW} [data-role="message"]`).textContent()).toBe('');
    expect(await page.locator(`${WINDOW} [data-role="output"] button`).count()).toBe(4);
    await typeInto(page, '#conv-window-w', '1 x');
    expect(await page.locator('#conv-window-w-error').textContent()).toBe('The entry in row 1, column 2 must be a number, like 2 or 0.5.');
    await typeInto(page, '#conv-window-w', '1 1 1 1 1 1');
    expect(await page.locator('#conv-window-w-error').textContent()).toBe('The kernel can have at most 5 columns, not 6.');
    await typeInto(page, '#conv-window-d', '0');
    expect(await page.locator('#conv-window-d-error').textContent()).toBe('The dilation must be between 1 and 3.');
    await expectNoBrokenNumbers(page);
    // A crafted link is refused field by field, with a message, and cannot break the widget.
    const { page: linked } = await openPage('convolution/?conv-window.x=2x2:1,2,3&conv-window.s=<b>');
    expect(await linked.locator(`${WINDOW} [data-role="message"]`).textContent()).toMatch(/“x” was ignored: a 2×2 matrix needs 4 numbers\. .*“s” was ignored/);
    await expectNoBrokenNumbers(linked);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
    await linked.context().close();
  });

  it('parameter counter: the 10¹² / 10⁸ / 100 / 10⁴ argument, typing, bad input', async () => {
    const { page, consoleErrors } = await openPage('convolution/');
    const texts = () => page.locator(`${PARAMS} .bar-value`).allInnerTexts();
    expect(await texts()).toEqual([
      '1,000,000,000,000 weights (4 TB): every unit sees all 1,000,000 pixels',
      '100,000,000 weights (400 MB): each unit sees one 10×10 window',
      '100 weights (400 B): every unit uses the same window weights',
      '10,000 weights (40 kB): 100 feature maps',
    ]);
    // Log-scale bars: 10¹² fills the track, 10⁸ two thirds of it.
    const widths = await page.locator(`${PARAMS} .bar-fill`).evaluateAll((fills) => fills.map((f) => parseFloat((f as HTMLElement).style.width)));
    expect(widths[0]).toBeCloseTo(100, 0);
    expect(widths[1]).toBeCloseTo((8.02 / 12.02) * 100, 1);
    await typeInto(page, '#conv-params-window', '5');
    expect((await texts())[2]).toMatch(/^25 weights/);
    await typeInto(page, '#conv-params-window', '2000');
    expect(await page.locator(`${PARAMS} [data-role="message"]`).textContent()).toBe('The window (2000) cannot be larger than the image (1000).');
    expect(await isStale(page, PARAMS)).toBe(true);
    await typeInto(page, '#conv-params-hidden', '1e9');
    expect(await page.locator('#conv-params-hidden-error').textContent()).toMatch(/between 1 and 100000000/);
    await typeInto(page, '#conv-params-window', '3');
    await typeInto(page, '#conv-params-hidden', '1 000');
    expect((await texts())[0]).toMatch(/^1,000,000,000 weights/);
    await urlParam(page, 'conv-params.hidden').toBe('1000');
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('computation model: a value is the sum of its channels; im2col × kernel matrix gives the same maps; the code box reproduces them', async () => {
    const { page, consoleErrors } = await openPage('convolution/');
    const breakdown = () => page.locator(`${MODEL} [data-role="breakdown"]`).innerText();
    const mapValues = (i: number) => page.locator(`#conv-model-map-${i} button`).allInnerTexts();
    const checkSum = async () => {
      const [head] = (await breakdown()).split('\n');
      const [, sums, total] = head!.match(/sum over channels: (.*) = (\S+)$/)!;
      const parts = sums!.split(' + ').map(toNumber);
      expect(parts).toHaveLength(3);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(toNumber(total!));
      return toNumber(total!);
    };
    expect(await checkSum()).toBe(toNumber((await mapValues(0))[0]!));

    // The snippet, run here, gives exactly the numbers on the page.
    const code = await page.locator(`${MODEL} [data-role="snippet"]`).textContent();
    const body = code!.split('\n').filter((line) => !line.startsWith('import')).join('\n');
    const run = new Function('conv2d', 'im2col', 'kernelMatrix', 'matmul', 'seededRandom', `${body}\nreturn { maps, same };`);
    const { maps, same } = run(conv2d, im2col, kernelMatrix, matmul, seededRandom);
    const onPage = [...(await mapValues(0)), ...(await mapValues(1))].map(toNumber);
    expect(Array.from(maps.data)).toEqual(onPage);
    expect(Array.from(same.data)).toEqual(onPage);

    // Pick a value in map 2 by click, then move with the keyboard.
    await page.locator('#conv-model-map-1 button').nth(5).click();
    expect(await breakdown()).toMatch(/^map 2 at \(1, 1\)/);
    expect(await checkSum()).toBe(toNumber((await mapValues(1))[5]!));
    await page.keyboard.press('ArrowRight');
    expect(await breakdown()).toMatch(/^map 2 at \(1, 2\)/);
    expect(await page.locator(`${MODEL} svg[data-channel="0"] .conv-tap`).count()).toBe(9);

    // More kernels, other numbers, and the im2col view.
    await page.selectOption('#conv-model-o', '4');
    expect(await page.locator(`${MODEL} [data-role="maps"] table`).count()).toBe(4);
    await page.click(`${MODEL} [data-role="reseed"]`);
    await urlParam(page, 'conv-model.seed').toBe('2');
    await page.check('#conv-model-im2col');
    expect(await page.locator(`${MODEL} [data-role="direct"]`).isHidden()).toBe(true);
    expect(await page.locator(`${MODEL} [data-role="agreement"]`).textContent()).toBe("Largest difference between this product and conv2d's maps: 0.");
    expect(await page.locator(`${MODEL} [data-role="patch-matrix"] caption`).textContent()).toMatch(/27 taps × 16 output positions/);
    const selected = await page.locator(`${MODEL} [data-role="product-matrix"] td[data-selected]`).allInnerTexts();
    expect(selected.length).toBeGreaterThan(1); // the selected row and column are marked
    await page.selectOption('#conv-model-k', '1');
    await page.selectOption('#conv-model-n', '6');
    expect(await page.locator(`${MODEL} [data-role="patch-matrix"] caption`).textContent()).toMatch(/3 taps × 64 output positions/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('image playground: maps from the bundled picture, identity reproduces it, stride, ReLU, typed kernels, bad input', async () => {
    const { page, consoleErrors, failedRequests } = await openPage('convolution/');
    const captions = () => page.locator(`${PLAYGROUND} figure[data-map] figcaption`).allInnerTexts();
    expect(await captions()).toEqual([]); // far down the page, it has not started yet
    await startWidget(page, PLAYGROUND);
    await expect.poll(captions).toHaveLength(4);
    expect((await captions())[0]).toMatch(/^Box blur: 256×256, values 0\.\d+ to 0\.\d+$/);
    expect((await captions())[1]).toMatch(/^Sobel x: 256×256, values −\d/);
    expect(failedRequests).toEqual([]);

    // Identity with same padding shows exactly the input's grey levels.
    for (const index of [1, 5, 6, 7]) await page.uncheck(`#conv-playground-k-${index}`);
    await page.check('#conv-playground-k-0');
    const identical = await page.evaluate(() => {
      const pixels = (canvas: HTMLCanvasElement) => canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.join(',');
      const [source, map] = [...document.querySelectorAll<HTMLCanvasElement>('#conv-playground canvas')];
      return pixels(source!) === pixels(map!);
    });
    expect(identical).toBe(true);

    // Stride and ReLU.
    await page.check('#conv-playground-k-5');
    await typeInto(page, '#conv-playground-s', '2');
    expect(await captions()).toEqual([expect.stringMatching(/^Identity: 128×128/), expect.stringMatching(/^Sobel x: 128×128, values −/)]);
    await page.check('#conv-playground-relu');
    expect((await captions())[1]).toMatch(/^Sobel x: 128×128, values 0 to /);
    await urlParam(page, 'conv-playground.k').toBe('0,5');

    // A typed kernel: wrong shape is explained; a 3×3 one becomes a map.
    await typeInto(page, '#conv-playground-c', '1 2\n3 4');
    expect(await page.locator('#conv-playground-c-error').textContent()).toBe('Your kernel is 2×2; make it 3×3 or 5×5.');
    expect(await isStale(page, PLAYGROUND)).toBe(true);
    await typeInto(page, '#conv-playground-c', '0 -1 0\n-1 4 -1\n0 -1 0');
    expect(await page.locator('#conv-playground-cu').isChecked()).toBe(true);
    expect((await captions())[2]).toMatch(/^Your kernel: 128×128/);
    await typeInto(page, '#conv-playground-d', '9');
    expect(await page.locator('#conv-playground-d-error').textContent()).toBe('The dilation must be between 1 and 4.');
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("image playground: the reader's own image is used locally; a non-image and a too-small image are explained", async () => {
    const { page, consoleErrors, failedRequests } = await openPage('convolution/');
    const captions = () => page.locator(`${PLAYGROUND} figure[data-map] figcaption`).allInnerTexts();
    await startWidget(page, PLAYGROUND);
    await expect.poll(captions).toHaveLength(4);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' || request.postData() !== null || request.url().includes('corner')) sent.push(`${request.method()} ${request.url()}`);
    });
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 40, height: 30 } });
    await page.setInputFiles('#conv-playground-file', { name: 'corner.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator(`${PLAYGROUND} [data-role="source-caption"]`).innerText()).toBe('Input: your image “corner.png”, 40×30 in grey levels.');
    await expect.poll(async () => (await captions())[0]).toMatch(/^Box blur: 30×40/);
    expect(sent).toEqual([]); // the picture was never sent anywhere

    await page.setInputFiles('#conv-playground-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await expect.poll(() => page.locator('#conv-playground-file-error').textContent()).toBe('“notes.txt” could not be read as an image. Try a PNG, JPEG or WebP file.');

    const tiny = await page.screenshot({ clip: { x: 0, y: 0, width: 8, height: 6 } });
    await page.setInputFiles('#conv-playground-file', { name: 'tiny.png', mimeType: 'image/png', buffer: tiny });
    await page.uncheck('#conv-playground-same');
    await typeInto(page, '#conv-playground-d', '4');
    await expect.poll(() => page.locator(`${PLAYGROUND} [data-role="message"]`).textContent()).toMatch(/does not fit the 6×8 input/);
    expect(await isStale(page, PLAYGROUND)).toBe(true);
    await expectNoBrokenNumbers(page);
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
