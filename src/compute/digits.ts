/**
 * Handwritten digits for the CNN lab: decoding the site's digit file, a seeded stratified train/test split, a digit
 * as a network input (optionally shifted by a few pixels, the augmentation the lab trains with), and MNIST's own
 * preprocessing for a digit a reader draws: fit its ink into a 20 × 20 box, then centre its mass in 28 × 28.
 */
import { assertWholeNumber } from './checks.ts';
import { seededRandom } from './random.ts';
import type { Tensor } from './tensor.ts';

/** Digits as grey bytes (0 white … 255 ink) with their labels 0–9. */
export interface DigitSet {
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  /** count × rows × cols bytes, digit after digit, row-major. */
  images: Uint8Array;
}

/** The first four bytes of a digit file: "DGT1". */
export const DIGITS_MAGIC = 0x44475431;

/** Reads a digit file (after gzip decompression): a 16-byte header, one label byte per digit, then the pixels. */
export function decodeDigits(bytes: Uint8Array): DigitSet {
  if (bytes.length < 16) throw new RangeError('The digit file is too short to hold its header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== DIGITS_MAGIC) throw new RangeError('This is not a digit file (its first bytes are not "DGT1").');
  const [count, rows, cols] = [view.getUint32(4), view.getUint16(8), view.getUint16(10)];
  const expected = 16 + count + count * rows * cols;
  if (bytes.length !== expected) throw new RangeError(`The digit file should have ${expected} bytes for ${count} digits of ${rows}×${cols}, but has ${bytes.length}.`);
  const labels = bytes.subarray(16, 16 + count);
  if (labels.some((label) => label > 9)) throw new RangeError('The digit file has a label outside 0–9.');
  return { count, rows, cols, labels, images: bytes.subarray(16 + count) };
}

/**
 * A fixed split: `testPerClass` digits of each class for testing (never trained on), the rest for training, each
 * class's digits picked by a seeded shuffle. Returns digit indices.
 */
export function splitDigits(labels: Uint8Array, options: { testPerClass: number; seed: number }): { train: Int32Array; test: Int32Array } {
  assertWholeNumber(options.testPerClass, 'The number of test digits per class', 1, labels.length);
  const random = seededRandom(options.seed);
  const train: number[] = [];
  const test: number[] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const members = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === digit) members.push(i);
    if (members.length <= options.testPerClass) throw new RangeError(`Only ${members.length} digits of class ${digit}: too few to hold ${options.testPerClass} out for testing.`);
    shuffle(members, random);
    test.push(...members.slice(0, options.testPerClass));
    train.push(...members.slice(options.testPerClass));
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), test: Int32Array.from(test.sort((a, b) => a - b)) };
}

/** Fisher–Yates in place, from a seeded generator. */
export function shuffle<T>(items: T[] | Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/**
 * Digit `index` as a network input [1, rows, cols] with values in [0, 1], moved `shift` = [down, right] pixels
 * (what moves off one side is lost, the other side fills with 0). Writes into `into` when given.
 */
export function digitInput(set: DigitSet, index: number, shift: readonly [number, number] = [0, 0], into?: Float64Array): Tensor {
  assertWholeNumber(index, 'The digit index', 0, set.count - 1);
  const { rows, cols } = set;
  const data = into ?? new Float64Array(rows * cols);
  if (data.length !== rows * cols) throw new RangeError(`The input buffer needs ${rows * cols} values, not ${data.length}.`);
  const base = index * rows * cols;
  const [dy, dx] = shift;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const [sy, sx] = [y - dy, x - dx];
      data[y * cols + x] = sy >= 0 && sy < rows && sx >= 0 && sx < cols ? set.images[base + sy * cols + sx]! / 255 : 0;
    }
  }
  return { shape: [1, rows, cols], data };
}

/**
 * MNIST's preprocessing for a digit drawn on a `width` × `height` canvas (ink values in [0, 1]): the ink's bounding
 * box scaled (keeping its aspect) to fit 20 × 20 by area averaging, placed in 28 × 28 with its centre of mass at
 * the centre. An empty drawing gives zeros.
 */
export function prepareDrawnDigit(ink: ArrayLike<number>, width: number, height: number): Float64Array {
  assertWholeNumber(width, 'The drawing width', 1, 4096);
  assertWholeNumber(height, 'The drawing height', 1, 4096);
  if (ink.length !== width * height) throw new RangeError(`A ${width}×${height} drawing has ${width * height} values, not ${ink.length}.`);
  let [top, left, bottom, right] = [height, width, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 0.05) [top, left, bottom, right] = [Math.min(top, y), Math.min(left, x), Math.max(bottom, y), Math.max(right, x)];
    }
  }
  const out = new Float64Array(784);
  if (bottom < 0) return out;
  const [boxH, boxW] = [bottom - top + 1, right - left + 1];
  const scale = 20 / Math.max(boxH, boxW);
  const [h, w] = [Math.max(1, Math.round(boxH * scale)), Math.max(1, Math.round(boxW * scale))];
  // Area averaging: each target pixel takes the mean of the source pixels whose centres fall in it.
  const small = new Float64Array(h * w);
  const hits = new Float64Array(h * w);
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const ty = Math.min(h - 1, Math.floor(((y - top + 0.5) / boxH) * h));
      const tx = Math.min(w - 1, Math.floor(((x - left + 0.5) / boxW) * w));
      small[ty * w + tx]! += Math.min(1, Math.max(0, ink[y * width + x]!));
      hits[ty * w + tx]! += 1;
    }
  }
  let [mass, my, mx] = [0, 0, 0];
  for (let i = 0; i < small.length; i++) {
    small[i] = hits[i]! > 0 ? small[i]! / hits[i]! : 0;
    mass += small[i]!;
    my += small[i]! * Math.floor(i / w);
    mx += small[i]! * (i % w);
  }
  // Place the box so that its centre of mass lands on (13.5, 13.5), kept inside the 28 × 28 frame.
  const oy = Math.max(0, Math.min(28 - h, Math.round(13.5 - my / mass)));
  const ox = Math.max(0, Math.min(28 - w, Math.round(13.5 - mx / mass)));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(oy + y) * 28 + ox + x] = small[y * w + x]!;
  return out;
}

/** The CNN lab's split: 150 digits of each class held out for testing (1,500 of 10,000), by a fixed seed. */
export const DIGIT_SPLIT = { testPerClass: 150, seed: 1 } as const;
