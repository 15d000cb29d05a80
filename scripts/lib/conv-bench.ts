import { performance } from 'node:perf_hooks';
import type * as TF from '@tensorflow/tfjs-core';
import { conv2d, seededRandom, type Tensor } from '../../src/compute';

/**
 * TF.js with its CPU backend, imported on first use: merely loading it slows this package's own loops in the same
 * process by about a fifth (measured), so the bench times everything else before it.
 */
export async function loadTfjs(): Promise<typeof TF> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  return tf;
}

/** One conv2d comparison: our time, TF.js's (CPU backend) on the same float32 data, and the largest difference. */
export interface ConvComparison {
  name: string;
  oursMs: number;
  tfjsMs: number;
  maxRelativeDifference: number;
}

/** Median of `runs` timings of `fn`, in milliseconds, after one warm-up call. */
function medianMs(fn: () => void, runs: number): number {
  fn();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

function compare(tf: typeof TF, name: string, c: number, size: number, o: number, k: number, stride: number, padding: number, runs: number): ConvComparison {
  const random = seededRandom(size * 31 + k);
  const input: Tensor = { shape: [c, size, size], data: Float32Array.from({ length: c * size * size }, () => random() * 2 - 1) };
  const weight: Tensor = { shape: [o, c, k, k], data: Float32Array.from({ length: o * c * k * k }, () => random() * 2 - 1) };
  // TF.js wants NHWC input and [kh, kw, in, out] filters.
  const nhwc = new Float32Array(size * size * c);
  for (let ch = 0; ch < c; ch++) for (let i = 0; i < size * size; i++) nhwc[i * c + ch] = input.data[ch * size * size + i]!;
  const filter = new Float32Array(k * k * c * o);
  for (let oo = 0; oo < o; oo++) for (let ch = 0; ch < c; ch++) for (let i = 0; i < k * k; i++) filter[(i * c + ch) * o + oo] = weight.data[(oo * c + ch) * k * k + i]!;
  const x = tf.tensor4d(nhwc, [1, size, size, c]);
  const w = tf.tensor4d(filter, [k, k, c, o]);
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [padding, padding], [padding, padding], [0, 0]];
  let theirs: Float32Array = new Float32Array();
  const tfjsMs = medianMs(() => {
    const y = tf.conv2d(x, w, stride, pad);
    theirs = y.dataSync() as Float32Array;
    y.dispose();
  }, runs);
  let ours: Tensor = input;
  const oursMs = medianMs(() => {
    ours = conv2d(input, weight, null, { stride, padding });
  }, runs);
  const [, oh, ow] = ours.shape as [number, number, number];
  let maxRelativeDifference = 0;
  for (let oo = 0; oo < o; oo++) {
    for (let i = 0; i < oh * ow; i++) {
      const a = ours.data[oo * oh * ow + i]!;
      const b = theirs[i * o + oo]!;
      maxRelativeDifference = Math.max(maxRelativeDifference, Math.abs(a - b) / Math.max(1, Math.abs(b)));
    }
  }
  x.dispose();
  w.dispose();
  return { name, oursMs, tfjsMs, maxRelativeDifference };
}

/** The two comparisons the convolution chapter's performance goals are stated in. */
export async function convComparisons(): Promise<ConvComparison[]> {
  const tf = await loadTfjs();
  return [
    compare(tf, '1×128×128, 8 kernels 3×3, stride 1, padding 1', 1, 128, 8, 3, 1, 1, 30),
    compare(tf, 'AlexNet conv1: 3×227×227, 96 kernels 11×11, stride 4', 3, 227, 96, 11, 4, 0, 5),
  ];
}
