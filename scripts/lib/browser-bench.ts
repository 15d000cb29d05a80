/**
 * Timings measured in headless Chromium on the built site (dist/), through the pages themselves: what a reader's
 * machine would do, not a synthetic loop. Figures only; nothing here is a test.
 */
import type { Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../test/support/chromium';
import { serveSite } from '../../test/support/server';

/** Median, 95th percentile and maximum of a list of durations in ms. */
export interface Timing {
  name: string;
  samples: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** How many samples exceeded 20 ms (for frame gaps: frames that missed a 60 Hz refresh). */
  over20ms: number;
}

function summarise(name: string, durations: number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { name, samples: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? NaN, over20ms: sorted.filter((d) => d > 20).length };
}

/** Gaps between animation frames over 3 s, as the page sees them. */
const frameGaps = (page: Page): Promise<number[]> =>
  // Passed as a string: tsx would wrap a named function in a helper that does not exist in the page.
  page.evaluate(`new Promise((resolve) => {
    const times = [];
    const tick = (now) => {
      times.push(now);
      if (now - times[0] < 3000) requestAnimationFrame(tick);
      else resolve(times.slice(1).map((t, i) => t - times[i]));
    };
    requestAnimationFrame(tick);
  })`);

/**
 * The image playground with the 8 kernels (identity, box, Gaussian, sharpen, Sobel x and y, Laplacian,
 * emboss; all 3×3) on its 256×256 picture: the time of one update, from the widget's own performance.measure.
 * Each update switches the dilation between 1 and 2, so every map is recomputed from the image.
 */
async function playgroundUpdates(page: Page, base: string, runs: number): Promise<Timing> {
  await page.goto(`${base}convolution/?conv-playground.k=0,1,2,4,5,6,7,8`);
  await page.locator('#conv-playground').scrollIntoViewIfNeeded(); // it starts when it comes into view
  await page.locator('#conv-playground figure[data-map]').nth(7).waitFor();
  await page.evaluate(() => performance.clearMeasures('conv-playground-update'));
  for (let i = 0; i < runs; i++) await page.fill('#conv-playground-d', String(1 + (i % 2)));
  const durations = await page.evaluate(() => performance.getEntriesByName('conv-playground-update').map((e) => e.duration));
  return summarise('image playground update (8 kernels, 256×256)', durations);
}

/**
 * The classifier widget training (spiral, degree-5 features, Adam; the training itself runs in a worker): for 3 s,
 * the widget's main-thread work per animation frame (its performance.measure) and the gaps between frames as the
 * page sees them, after 3 s of the same page idle for comparison.
 */
async function trainingFrames(page: Page, base: string): Promise<Timing[]> {
  await page.goto(`${base}gradient-descent/`);
  await page.locator('#gd-train').scrollIntoViewIfNeeded();
  await page.locator('#gd-train[data-started]').waitFor({ state: 'attached' });
  const idle = await frameGaps(page);
  await page.evaluate(() => performance.clearMeasures('gd-train-frame'));
  await page.click('#gd-train [data-role="run"]');
  const gaps = await frameGaps(page);
  await page.click('#gd-train [data-role="run"]');
  const work = await page.evaluate(() => performance.getEntriesByName('gd-train-frame').map((e) => e.duration));
  return [
    summarise('page idle: time between frames', idle),
    summarise('classifier training: main-thread work per frame', work),
    summarise('classifier training: time between frames', gaps),
  ];
}

/**
 * The depth-versus-reach widget on a 20-layer 3×3 stack and a 64×64 input: the worker's time for the map alone (its
 * data-map-ms), for uniform weights (one input: the stack is linear) and for random weights with ReLU (16 inputs).
 * Each run changes the seed, so every answer is computed afresh.
 */
async function erfTimings(page: Page, base: string, runs: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const [label, query] of [['uniform', 'erf-depth.weights=uniform'], ['random, ReLU, 16 inputs', 'erf-depth.weights=random&erf-depth.relu=1']] as const) {
    await page.goto(`${base}receptive-field/?erf-depth.depth=20&erf-depth.size=64&${query}`);
    await page.locator('#erf-depth').scrollIntoViewIfNeeded();
    const durations: number[] = [];
    const answer = () => page.locator('#erf-depth').evaluate((widget: HTMLElement) => Number(widget.dataset['answer'] ?? 0));
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#erf-depth')?.dataset['answer'] !== undefined);
    for (let seed = 2; seed <= runs + 1; seed++) {
      const before = await answer();
      await page.fill('#erf-depth-seed', String(seed));
      await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('#erf-depth')?.dataset['answer']) > n, before);
      // A seed whose ReLUs all stay off is answered with an explanation, not a map: it is not timed.
      const widget = page.locator('#erf-depth');
      if ((await widget.getAttribute('data-answered')) === (await widget.getAttribute('data-answer'))) durations.push(Number(await widget.getAttribute('data-map-ms')));
    }
    timings.push(summarise(`effective receptive field, 20 layers 3×3, 64×64, ${label}`, durations));
  }
  return timings;
}

/**
 * A code cell's first Run after the page has loaded (the runner, sucrase and the compute package load then, in a
 * worker), and a second Run on the same page, timed in the page from the click to the output. Each sample is a fresh
 * page load.
 */
async function cellRuns(page: Page, base: string, loads: number): Promise<Timing[]> {
  const [first, second] = [[] as number[], [] as number[]];
  for (let k = 0; k < loads; k++) {
    await page.goto(`${base}softmax/`, { waitUntil: 'networkidle' });
    const cell = page.locator('code-cell[data-cell="softmax-logits-snippet"]');
    await cell.evaluate((element) => ((element.closest('details') as HTMLDetailsElement).open = true));
    await cell.scrollIntoViewIfNeeded();
    await cell.locator('[data-cell-action="run"]:not([disabled])').waitFor();
    for (const into of [first, second]) {
      // Passed as a string: tsx would wrap a named function in a helper that does not exist in the page.
      into.push((await page.evaluate(`new Promise((resolve) => {
        const cell = document.querySelector('code-cell[data-cell="softmax-logits-snippet"]');
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!cell.hasAttribute('aria-busy')) { observer.disconnect(); resolve(performance.now() - start); }
        });
        observer.observe(cell, { attributes: true });
        cell.querySelector('[data-cell-action="run"]').click();
      })`)) as number);
    }
  }
  return [summarise('code cell: first Run after the page loads', first), summarise('code cell: a second Run', second)];
}

/** What the CNN lab's default run did in the page: when it first reached each test accuracy, and its frame gaps. */
export interface LabRun {
  /** Seconds from pressing Train to the first evaluation at or above each target (null: not within the cap). */
  reached: { target: number; seconds: number | null; epoch: number | null }[];
  best: number;
  epochs: number;
  frames: Timing;
}

/**
 * The CNN lab with its default settings (LeNet-5, Adam, augmentation, the schedule): press Train and read the status
 * line until the test accuracy passes 98.5 % or `capSeconds` pass. The page records the gap between every two
 * animation frames for the whole run in the background, so that every test evaluation (the lab redraws its results
 * then) is in the sample and the status keeps being read meanwhile.
 */
async function labRun(page: Page, base: string, capSeconds: number): Promise<LabRun> {
  await page.goto(`${base}backpropagation/`);
  await page.locator('#cnn-lab').scrollIntoViewIfNeeded();
  await page.locator('#cnn-lab[data-started]').waitFor({ state: 'attached' });
  const targets = [0.975, 0.985];
  const reached = targets.map((target) => ({ target, seconds: null as number | null, epoch: null as number | null }));
  // Passed as a string: tsx would wrap a named function in a helper that does not exist in the page.
  await page.evaluate(`(() => {
    const gaps = (window.benchFrameGaps = []);
    let last = performance.now();
    const tick = (now) => { gaps.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const start = Date.now();
  await page.click('#cnn-lab [data-role="run"]');
  let [best, epochs] = [0, 0];
  while ((Date.now() - start) / 1000 < capSeconds && reached.some((r) => r.seconds === null)) {
    const status = await page.locator('#cnn-lab [data-role="status"]').innerText();
    const accuracy = Number(/test accuracy (\d+\.\d+)%/.exec(status)?.[1] ?? 0) / 100;
    epochs = Number(/^Epoch (\d+(?:\.\d+)?)/.exec(status)?.[1] ?? epochs);
    best = Math.max(best, accuracy);
    for (const r of reached) if (r.seconds === null && accuracy >= r.target) Object.assign(r, { seconds: (Date.now() - start) / 1000, epoch: epochs });
    await page.waitForTimeout(200);
  }
  await page.click('#cnn-lab [data-role="run"]');
  // The first gap runs from installing the recorder to the first frame; the rest are the run's.
  const gaps = ((await page.evaluate('window.benchFrameGaps')) as number[]).slice(1);
  return { reached, best, epochs, frames: summarise('CNN lab training: time between frames', gaps) };
}

/** Runs every in-browser measurement; returns null (with the reason) when no Chromium is installed. */
export async function browserTimings(): Promise<{ timings: Timing[]; lab: LabRun } | { skipped: string }> {
  const executable = findChromium();
  if (!executable) return { skipped: 'no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)' };
  const server = await serveSite('dist');
  const browser = await launchChromium(executable);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const timings = [await playgroundUpdates(page, server.url, 100), ...(await trainingFrames(page, server.url)), ...(await erfTimings(page, server.url, 10)), ...(await cellRuns(page, server.url, 8))];
    return { timings, lab: await labRun(page, server.url, 180) };
  } finally {
    await browser.close();
    await server.close();
  }
}
