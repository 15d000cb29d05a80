/**
 * The inner loops of convolution on flat float64 arrays, for the network and for conv2dBackward. A layer of four or
 * more kernels, and any layer whose input is mostly zeros, runs as matrix products (./conv-products.ts), which skip
 * what is zero by themselves: windows of an input that holds only zeros, and zero output gradients. Otherwise narrower
 * layers loop over kernel taps, and backward, where the output gradient is mostly zeros, visit only its non-zeros.
 * Zeros are common: a handwritten digit is mostly blank paper, and behind ReLU and max pooling three quarters or more
 * of a convolution's output gradient are exactly 0. All forms compute the same sums, some adding them in another
 * order.
 */
import { convOutputSize, pairOf } from './shapes.ts';
import type { ConvOptions } from './convolution.ts';
import { backwardProducts, forwardProducts } from './conv-products.ts';

/** Below this share of non-zero values, the sparse form of a pass is used. */
const SPARSE_BELOW = 0.4;
/**
 * From this many kernels on, passes are matrix products, whose sums run four kernels at a time. A narrower layer (the
 * one-channel stacks of the effective-receptive-field widget) gains nothing from that and pays for the index lookups
 * (measured: a 3×3 kernel on 64×64, 51 against 66 µs forward, 63 against 104 backward), so it loops over kernel taps
 * along whole output rows instead.
 */
const PRODUCTS_FROM = 4;

/** Sizes of one convolution: input [C, H, W], weight [O, C, kH, kW], output [O, Hₒ, Wₒ], and tap ranges. */
export interface ConvGeometry {
  channels: number;
  height: number;
  width: number;
  kernels: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  outHeight: number;
  outWidth: number;
  /** Per kernel row i, the first and last output rows whose tap i lands inside the input (2 values per i). */
  rows: Int32Array;
  /** Per kernel column j, the same for output columns. */
  cols: Int32Array;
  /** Per output row y, the first and last kernel rows that land inside the input. */
  tapRows: Int32Array;
  /** Per output column x, the same for kernel columns. */
  tapCols: Int32Array;
}

/** Checks a convolution's settings against an input shape and a weight shape, and returns its geometry. */
export function convGeometry(inputShape: readonly number[], weightShape: readonly number[], options: ConvOptions, what = 'The convolution'): ConvGeometry {
  const [channels, height, width] = inputShape as [number, number, number];
  const [kernels, inChannels, kh, kw] = weightShape as [number, number, number, number];
  if (inChannels !== channels) throw new RangeError(`${what}'s weight expects ${inChannels} input channels, but the input has ${channels}.`);
  const [sh, sw] = pairOf(options.stride, 1, `${what}'s stride`, 1);
  const [ph, pw] = pairOf(options.padding, 0, `${what}'s padding`, 0);
  const [dh, dw] = pairOf(options.dilation, 1, `${what}'s dilation`, 1);
  const outHeight = convOutputSize(height, kh, sh, ph, dh);
  const outWidth = convOutputSize(width, kw, sw, pw, dw);
  if (outHeight < 1 || outWidth < 1) {
    throw new RangeError(`${what}'s ${kh}×${kw} kernel (dilation ${dh}×${dw}) does not fit the ${height}×${width} input with padding ${ph}×${pw}: the output would be ${Math.max(0, outHeight)}×${Math.max(0, outWidth)}.`);
  }
  return {
    channels, height, width, kernels, kh, kw, sh, sw, ph, pw, dh, dw, outHeight, outWidth,
    rows: ranges(kh, (i) => span(0, outHeight - 1, (y) => y * sh + i * dh - ph, height)),
    cols: ranges(kw, (j) => span(0, outWidth - 1, (x) => x * sw + j * dw - pw, width)),
    tapRows: ranges(outHeight, (y) => span(0, kh - 1, (i) => y * sh + i * dh - ph, height)),
    tapCols: ranges(outWidth, (x) => span(0, kw - 1, (j) => x * sw + j * dw - pw, width)),
  };
}

/** The first and last k in [lo, hi] with 0 ≤ position(k) < n (position increases with k); last < first if none. */
function span(lo: number, hi: number, position: (k: number) => number, n: number): [number, number] {
  let first = lo;
  while (first <= hi && position(first) < 0) first++;
  let last = hi;
  while (last >= first && position(last) >= n) last--;
  return [first, last];
}

const ranges = (count: number, of: (k: number) => [number, number]): Int32Array => Int32Array.from({ length: 2 * count }, (_, k) => of(k >> 1)[k & 1]!);

/** How many values of an array are not 0. */
function nonZeros(values: ArrayLike<number>): number {
  let count = 0;
  for (let k = 0; k < values.length; k++) if (values[k] !== 0) count++;
  return count;
}

/** out ← conv(x, w) + bias. */
export function convForwardInto(x: ArrayLike<number>, w: ArrayLike<number>, bias: ArrayLike<number> | null, out: Float64Array, g: ConvGeometry): void {
  const outPlane = g.outHeight * g.outWidth;
  for (let o = 0; o < g.kernels; o++) out.fill(bias ? bias[o]! : 0, o * outPlane, (o + 1) * outPlane);
  // A mostly blank input takes the products too, whatever the layer's width: they skip its empty windows (measured
  // on digits against the tap-by-tap sparse forms they replaced: as fast at stride 1, a fifth slower for a single
  // 3×3 kernel, twice as fast at stride 2).
  const sparse = nonZeros(x) < SPARSE_BELOW * x.length;
  if (g.kernels >= PRODUCTS_FROM || sparse) forwardProducts(x, w, out, g, sparse);
  else forwardDense(x, w, out, g);
}

/** For each kernel tap, one multiply-add over every output row it reaches (1–3 kernels, input not mostly 0). */
function forwardDense(x: ArrayLike<number>, w: ArrayLike<number>, out: Float64Array, g: ConvGeometry): void {
  const { height, width, outHeight, outWidth, sh, sw } = g;
  for (let o = 0; o < g.kernels; o++) {
    const oBase = o * outHeight * outWidth;
    for (let c = 0; c < g.channels; c++) {
      const xBase = c * height * width;
      for (let i = 0; i < g.kh; i++) {
        const rowOffset = i * g.dh - g.ph;
        const [y0, y1] = [g.rows[2 * i]!, g.rows[2 * i + 1]!];
        for (let j = 0; j < g.kw; j++) {
          const colOffset = j * g.dw - g.pw;
          const [x0, x1] = [g.cols[2 * j]!, g.cols[2 * j + 1]!];
          const weight = w[((o * g.channels + c) * g.kh + i) * g.kw + j]!;
          for (let y = y0; y <= y1; y++) {
            const oRow = oBase + y * outWidth;
            let at = xBase + (y * sh + rowOffset) * width + x0 * sw + colOffset;
            for (let xo = x0; xo <= x1; xo++, at += sw) out[oRow + xo]! += weight * x[at]!;
          }
        }
      }
    }
  }
}

/**
 * Accumulates the gradients: `gradWeight`, `gradBias` and `gradInput` (each if given) are added to, so a caller
 * sums over a batch by calling this once per example.
 */
export function convBackwardInto(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  gradInput: Float64Array | null,
  gradWeight: Float64Array | null,
  gradBias: Float64Array | null,
  g: ConvGeometry,
): void {
  // The products form sums the bias gradient from its lists of non-zero gradients; the tap forms here.
  if (g.kernels >= PRODUCTS_FROM) return backwardProducts(x, w, gradOut, gradInput, gradWeight, gradBias, g);
  const outPlane = g.outHeight * g.outWidth;
  if (gradBias) {
    for (let o = 0; o < g.kernels; o++) {
      let sum = 0;
      for (let k = o * outPlane; k < (o + 1) * outPlane; k++) sum += gradOut[k]!;
      gradBias[o]! += sum;
    }
  }
  if (nonZeros(gradOut) < SPARSE_BELOW * gradOut.length) backwardSparse(x, w, gradOut, gradInput, gradWeight, g);
  else backwardDense(x, w, gradOut, gradInput, gradWeight, g);
}

/**
 * For each tap, one pass over every output row it reaches, serving both the weight and the input gradients (for
 * layers of one to three kernels).
 */
function backwardDense(x: ArrayLike<number>, w: ArrayLike<number>, gradOut: ArrayLike<number>, gradInput: Float64Array | null, gradWeight: Float64Array | null, g: ConvGeometry): void {
  const { height, width, outHeight, outWidth, sh, sw } = g;
  for (let o = 0; o < g.kernels; o++) {
    const gBase = o * outHeight * outWidth;
    for (let c = 0; c < g.channels; c++) {
      const xBase = c * height * width;
      for (let i = 0; i < g.kh; i++) {
        const rowOffset = i * g.dh - g.ph;
        const [y0, y1] = [g.rows[2 * i]!, g.rows[2 * i + 1]!];
        for (let j = 0; j < g.kw; j++) {
          const colOffset = j * g.dw - g.pw;
          const [x0, x1] = [g.cols[2 * j]!, g.cols[2 * j + 1]!];
          const wIndex = ((o * g.channels + c) * g.kh + i) * g.kw + j;
          const weight = w[wIndex]!;
          let sum = 0;
          for (let y = y0; y <= y1; y++) {
            const gRow = gBase + y * outWidth;
            let at = xBase + (y * sh + rowOffset) * width + x0 * sw + colOffset;
            for (let xo = x0; xo <= x1; xo++, at += sw) {
              const grad = gradOut[gRow + xo]!;
              sum += grad * x[at]!;
              if (gradInput) gradInput[at]! += grad * weight;
            }
          }
          if (gradWeight) gradWeight[wIndex]! += sum;
        }
      }
    }
  }
}

/** For each output whose gradient is not 0, its window's taps: weight gradient from the input, input from the weight. */
function backwardSparse(x: ArrayLike<number>, w: ArrayLike<number>, gradOut: ArrayLike<number>, gradInput: Float64Array | null, gradWeight: Float64Array | null, g: ConvGeometry): void {
  // Sizes in locals and one loop per gradient: the innermost loops are five taps long, so what is done per tap counts.
  const { channels, height, width, kh, kw, sh, sw, dh, dw, ph, pw, outHeight, outWidth } = g;
  for (let o = 0; o < g.kernels; o++) {
    for (let y = 0; y < outHeight; y++) {
      const [i0, i1] = [g.tapRows[2 * y]!, g.tapRows[2 * y + 1]!];
      for (let xo = 0; xo < outWidth; xo++) {
        const grad = gradOut[(o * outHeight + y) * outWidth + xo]!;
        if (grad === 0) continue;
        const [j0, j1] = [g.tapCols[2 * xo]!, g.tapCols[2 * xo + 1]!];
        for (let c = 0; c < channels; c++) {
          const xBase = c * height * width;
          const wBase = (o * channels + c) * kh * kw;
          for (let i = i0; i <= i1; i++) {
            const row = xBase + (y * sh + i * dh - ph) * width + xo * sw - pw;
            const wRow = wBase + i * kw;
            if (gradWeight) for (let j = j0; j <= j1; j++) gradWeight[wRow + j]! += grad * x[row + j * dw]!;
            if (gradInput) for (let j = j0; j <= j1; j++) gradInput[row + j * dw]! += grad * w[wRow + j]!;
          }
        }
      }
    }
  }
}
