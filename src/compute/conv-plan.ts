/**
 * What a convolution's matrix products (./conv-products.ts) keep per layer: the tap offsets and window bases that
 * stand in for im2col's matrix, a zero-bordered copy of a padded layer's input, the lists of non-zeros, and the
 * layer's compiled WebAssembly passes when a trainer has asked for them. Made once per geometry object.
 */
import type { ConvGeometry } from './conv-kernels.ts';
import type { SimdForward } from './conv-simd.ts';
import type { SimdBackward } from './conv-simd-backward.ts';

/** Per geometry: the index tables, a padded input and its gradient (padded layers only), lists of non-zeros. */
export interface Plan {
  /** Input rows and columns including the zero border. */
  paddedHeight: number;
  paddedWidth: number;
  /** Per tap (c, i, j) in weight order, its offset from a position's base index in the padded input. */
  offsets: Int32Array;
  /** Per output position (y, x), the padded-input index of its window's first tap. */
  bases: Int32Array;
  padded: Float64Array | null;
  gradPadded: Float64Array | null;
  listIndex: Int32Array;
  listValue: Float64Array;
  /** 0, 1, …, positions − 1: the position list of a pass over every position. */
  allPositions: Int32Array;
  /** The positions whose window is not all zeros (the first nonEmptyWindows() of them). */
  nonEmpty: Int32Array;
  /** A summed-area table of the padded input's non-zero map, (rows + 1) × (columns + 1). */
  areaTable: Int32Array;
  /** The accelerator's forward pass; null if it could not compile, undefined until first asked. */
  simd?: SimdForward | null;
  /** The same for the backward passes. */
  simdBackward?: SimdBackward | null;
}
const plans = new WeakMap<ConvGeometry, Plan>();

export function planOf(g: ConvGeometry): Plan {
  let plan = plans.get(g);
  if (plan) return plan;
  const { channels, kh, kw, sh, sw, dh, dw, ph, pw, outHeight, outWidth } = g;
  const [paddedHeight, paddedWidth] = [g.height + 2 * ph, g.width + 2 * pw];
  const offsets = new Int32Array(channels * kh * kw);
  for (let c = 0, t = 0; c < channels; c++) {
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++, t++) offsets[t] = (c * paddedHeight + i * dh) * paddedWidth + j * dw;
  }
  const bases = new Int32Array(outHeight * outWidth);
  for (let y = 0; y < outHeight; y++) for (let x = 0; x < outWidth; x++) bases[y * outWidth + x] = y * sh * paddedWidth + x * sw;
  const paddedSize = channels * paddedHeight * paddedWidth;
  const isPadded = ph > 0 || pw > 0;
  const longest = Math.max(g.kernels, outHeight * outWidth);
  plan = {
    paddedHeight, paddedWidth, offsets, bases,
    padded: isPadded ? new Float64Array(paddedSize) : null,
    gradPadded: isPadded ? new Float64Array(paddedSize) : null,
    listIndex: new Int32Array(longest),
    listValue: new Float64Array(longest),
    allPositions: Int32Array.from({ length: outHeight * outWidth }, (_, p) => p),
    nonEmpty: new Int32Array(outHeight * outWidth),
    areaTable: new Int32Array((paddedHeight + 1) * (paddedWidth + 1)),
  };
  plans.set(g, plan);
  return plan;
}

/** The input as the offsets read it: itself, or copied into the padded buffer's interior (its border stays 0). */
export function paddedInput(x: ArrayLike<number>, g: ConvGeometry, plan: Plan): ArrayLike<number> {
  const target = plan.padded;
  if (!target) return x;
  const { paddedHeight, paddedWidth } = plan;
  for (let c = 0; c < g.channels; c++) {
    for (let y = 0; y < g.height; y++) {
      const from = (c * g.height + y) * g.width;
      const to = (c * paddedHeight + y + g.ph) * paddedWidth + g.pw;
      for (let x0 = 0; x0 < g.width; x0++) target[to + x0] = x[from + x0]!;
    }
  }
  return target;
}

/** Multiply-adds of a dense pass: what decides whether it is worth the accelerator. */
export const work = (g: ConvGeometry, plan: Plan): number => g.kernels * plan.offsets.length * plan.bases.length;

/**
 * Lists in plan.nonEmpty the output positions whose window holds a non-zero input value, and returns their number. A
 * window's count of non-zeros comes from a summed-area table of the non-zero map (all channels
 * added), four lookups per position instead of reading the window.
 */
export function nonEmptyWindows(input: ArrayLike<number>, g: ConvGeometry, plan: Plan): number {
  const { paddedHeight, paddedWidth, areaTable: table, nonEmpty } = plan;
  const plane = paddedHeight * paddedWidth;
  const stride = paddedWidth + 1;
  // table[(y + 1)·stride + x + 1] = how many non-zeros lie in rows < y + 1 and columns < x + 1, over all channels.
  for (let y = 0; y < paddedHeight; y++) {
    let rowCount = 0;
    for (let x = 0; x < paddedWidth; x++) {
      for (let c = 0, at = y * paddedWidth + x; c < g.channels; c++, at += plane) if (input[at] !== 0) rowCount++;
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1]! + rowCount;
    }
  }
  const [spanH, spanW] = [(g.kh - 1) * g.dh + 1, (g.kw - 1) * g.dw + 1];
  let count = 0;
  for (let y = 0, p = 0; y < g.outHeight; y++) {
    const [top, bottom] = [y * g.sh, y * g.sh + spanH];
    for (let x = 0; x < g.outWidth; x++, p++) {
      const [left, right] = [x * g.sw, x * g.sw + spanW];
      // A dilated window skips rows and columns: counting its whole span can only include more, never miss one.
      const inside = table[bottom * stride + right]! - table[top * stride + right]! - table[bottom * stride + left]! + table[top * stride + left]!;
      if (inside > 0) nonEmpty[count++] = p;
    }
  }
  return count;
}

