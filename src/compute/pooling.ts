/**
 * Max and average pooling, forward and backward, with PyTorch's semantics: stride defaults to the kernel; max
 * pooling pads with −∞ and, on ties, takes the first maximum in reading order (as torch's `val > maxval`); average
 * pooling counts the padding in the mean (count_include_pad=True) but never the part of a ceil_mode window that
 * hangs past the padded input; ceil_mode's last window must start inside the input or its left padding.
 */
import { pairOf, poolOutputSize, type Pair } from './shapes.ts';
import { assertTensor, type Tensor } from './tensor.ts';

/** Kernel, stride (default: the kernel), zero padding and ceil mode of a pooling layer. */
export interface PoolOptions {
  kernel: Pair;
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
}

/** Sizes of one pooling: input [C, H, W], window, steps, padding and output size. */
export interface PoolGeometry {
  channels: number;
  height: number;
  width: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  outHeight: number;
  outWidth: number;
}

/** Checks a pooling's options against an input shape [C, H, W] and returns its geometry. */
export function poolGeometry(shape: readonly number[], options: PoolOptions, what = 'The pooling'): PoolGeometry {
  const [channels, height, width] = shape as [number, number, number];
  const [kh, kw] = pairOf(options.kernel, 1, `${what}'s kernel`, 1);
  const [sh, sw] = pairOf(options.stride ?? [kh, kw], 1, `${what}'s stride`, 1);
  const [ph, pw] = pairOf(options.padding, 0, `${what}'s padding`, 0);
  // PyTorch's rule: padding at most half the kernel, so every window holds at least one real value.
  if (2 * ph > kh || 2 * pw > kw) throw new RangeError(`${what}'s padding (${ph}×${pw}) must be at most half its kernel (${kh}×${kw}).`);
  const ceil = options.ceilMode === true;
  const outHeight = poolOutputSize(height, kh, sh, ph, 1, ceil);
  const outWidth = poolOutputSize(width, kw, sw, pw, 1, ceil);
  if (outHeight < 1 || outWidth < 1) {
    throw new RangeError(`${what}'s ${kh}×${kw} window does not fit the ${height}×${width} input with padding ${ph}×${pw}: the output would be ${Math.max(0, outHeight)}×${Math.max(0, outWidth)}.`);
  }
  return { channels, height, width, kh, kw, sh, sw, ph, pw, outHeight, outWidth };
}

/**
 * Max pooling on flat arrays: writes each window's maximum to `out` and its input index (within the channel
 * plane) to `argmax`, which the backward pass routes the gradient through.
 */
export function maxPoolInto(x: ArrayLike<number>, out: Float64Array, argmax: Int32Array, g: PoolGeometry): void {
  if (isPlainTwoByTwo(g)) {
    maxPoolTwoByTwo(x, out, argmax, g);
    return;
  }
  const plane = g.height * g.width;
  for (let c = 0; c < g.channels; c++) {
    const base = c * plane;
    for (let oy = 0; oy < g.outHeight; oy++) {
      const y0 = oy * g.sh - g.ph;
      const y1 = Math.min(y0 + g.kh, g.height);
      for (let ox = 0; ox < g.outWidth; ox++) {
        const x0 = ox * g.sw - g.pw;
        const x1 = Math.min(x0 + g.kw, g.width);
        let best = -Infinity;
        let at = Math.max(y0, 0) * g.width + Math.max(x0, 0);
        for (let y = Math.max(y0, 0); y < y1; y++) {
          for (let xx = Math.max(x0, 0); xx < x1; xx++) {
            const v = x[base + y * g.width + xx]!;
            if (v > best) {
              best = v;
              at = y * g.width + xx;
            }
          }
        }
        const o = (c * g.outHeight + oy) * g.outWidth + ox;
        out[o] = best;
        argmax[o] = at;
      }
    }
  }
}

/** 2×2 windows at stride 2 with no padding, all inside the input (LeNet's pooling, and most networks'). */
function isPlainTwoByTwo(g: PoolGeometry): boolean {
  return g.kh === 2 && g.kw === 2 && g.sh === 2 && g.sw === 2 && g.ph === 0 && g.pw === 0 && 2 * g.outHeight <= g.height && 2 * g.outWidth <= g.width;
}

/**
 * maxPoolInto for plain 2×2 windows, with the same results: the maximum of the four, then the first of them (in
 * reading order) equal to it. Comparing each value with the best so far mispredicts a branch on every other value of
 * a feature map, and that, not the arithmetic, was most of the time (measured: 11 against 4 µs for 6×28×28).
 */
function maxPoolTwoByTwo(x: ArrayLike<number>, out: Float64Array, argmax: Int32Array, g: PoolGeometry): void {
  const { width, outHeight, outWidth } = g;
  const plane = g.height * width;
  for (let c = 0, o = 0; c < g.channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const row = 2 * oy * width;
      for (let ox = 0; ox < outWidth; ox++, o++) {
        const at = row + 2 * ox;
        const base = c * plane + at;
        const v0 = x[base]!, v1 = x[base + 1]!, v2 = x[base + width]!, v3 = x[base + width + 1]!;
        let best = Math.max(Math.max(v0, v1), Math.max(v2, v3));
        let won = v0 === best ? at : v1 === best ? at + 1 : v2 === best ? at + width : at + width + 1;
        if (best !== best) {
          // A NaN: the general loop's rule (the first strict maximum of the other values, else −∞ at the first).
          [best, won] = [-Infinity, at];
          for (const [v, k] of [[v0, at], [v1, at + 1], [v2, at + width], [v3, at + width + 1]] as const) if (v > best) [best, won] = [v, k];
        } else best = x[c * plane + won]!; // the winner's own value: −0 stays −0, as in the general loop
        out[o] = best;
        argmax[o] = won;
      }
    }
  }
}

/** Adds each output gradient to the input position that won its window (overlapping windows accumulate). */
export function maxPoolBackwardInto(gradOut: ArrayLike<number>, argmax: Int32Array, gradIn: Float64Array, g: PoolGeometry): void {
  const plane = g.height * g.width;
  const outPlane = g.outHeight * g.outWidth;
  for (let c = 0; c < g.channels; c++) {
    for (let o = c * outPlane; o < (c + 1) * outPlane; o++) gradIn[c * plane + argmax[o]!]! += gradOut[o]!;
  }
}

/** The number PyTorch divides a window's sum by: its size, clipped to the padded input (count_include_pad). */
function divisor(y0: number, x0: number, g: PoolGeometry): number {
  return (Math.min(y0 + g.kh, g.height + g.ph) - y0) * (Math.min(x0 + g.kw, g.width + g.pw) - x0);
}

/** Average pooling on flat arrays. */
export function avgPoolInto(x: ArrayLike<number>, out: Float64Array, g: PoolGeometry): void {
  const plane = g.height * g.width;
  for (let c = 0; c < g.channels; c++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      const y0 = oy * g.sh - g.ph;
      for (let ox = 0; ox < g.outWidth; ox++) {
        const x0 = ox * g.sw - g.pw;
        let sum = 0;
        for (let y = Math.max(y0, 0); y < Math.min(y0 + g.kh, g.height); y++) {
          for (let xx = Math.max(x0, 0); xx < Math.min(x0 + g.kw, g.width); xx++) sum += x[c * plane + y * g.width + xx]!;
        }
        out[(c * g.outHeight + oy) * g.outWidth + ox] = sum / divisor(y0, x0, g);
      }
    }
  }
}

/** Spreads each output gradient evenly (by the same divisor) over the real inputs of its window. */
export function avgPoolBackwardInto(gradOut: ArrayLike<number>, gradIn: Float64Array, g: PoolGeometry): void {
  const plane = g.height * g.width;
  for (let c = 0; c < g.channels; c++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      const y0 = oy * g.sh - g.ph;
      for (let ox = 0; ox < g.outWidth; ox++) {
        const x0 = ox * g.sw - g.pw;
        const share = gradOut[(c * g.outHeight + oy) * g.outWidth + ox]! / divisor(y0, x0, g);
        for (let y = Math.max(y0, 0); y < Math.min(y0 + g.kh, g.height); y++) {
          for (let xx = Math.max(x0, 0); xx < Math.min(x0 + g.kw, g.width); xx++) gradIn[c * plane + y * g.width + xx]! += share;
        }
      }
    }
  }
}

/** Checks an input [C, H, W] and a gradient of the output's shape; returns the geometry. */
function checked(input: Tensor, options: PoolOptions, gradOutput?: Tensor): PoolGeometry {
  assertTensor(input, 3, 'The input');
  const g = poolGeometry(input.shape, options);
  if (gradOutput) {
    assertTensor(gradOutput, 3, 'The output gradient');
    const expected = [g.channels, g.outHeight, g.outWidth];
    if (gradOutput.shape.some((d, i) => d !== expected[i])) {
      throw new RangeError(`The output gradient must have the output’s shape ${expected.join('×')}, not ${gradOutput.shape.join('×')}.`);
    }
  }
  return g;
}

/** Max pooling of an input [C, H, W]: each output is the largest value in its window (padding is −∞). */
export function maxPool2d(input: Tensor, options: PoolOptions): Tensor {
  const g = checked(input, options);
  const out = new Float64Array(g.channels * g.outHeight * g.outWidth);
  maxPoolInto(input.data, out, new Int32Array(out.length), g);
  return { shape: [g.channels, g.outHeight, g.outWidth], data: out };
}

/** The gradient of max pooling with respect to its input: each output's gradient goes to its window's winner. */
export function maxPool2dBackward(input: Tensor, gradOutput: Tensor, options: PoolOptions): Tensor {
  const g = checked(input, options, gradOutput);
  const argmax = new Int32Array(gradOutput.data.length);
  maxPoolInto(input.data, new Float64Array(argmax.length), argmax, g);
  const gradIn = new Float64Array(input.data.length);
  maxPoolBackwardInto(gradOutput.data, argmax, gradIn, g);
  return { shape: [...input.shape], data: gradIn };
}

/** Average pooling of an input [C, H, W], counting zero padding in the mean as PyTorch does by default. */
export function avgPool2d(input: Tensor, options: PoolOptions): Tensor {
  const g = checked(input, options);
  const out = new Float64Array(g.channels * g.outHeight * g.outWidth);
  avgPoolInto(input.data, out, g);
  return { shape: [g.channels, g.outHeight, g.outWidth], data: out };
}

/** The gradient of average pooling with respect to its input. */
export function avgPool2dBackward(input: Tensor, gradOutput: Tensor, options: PoolOptions): Tensor {
  const g = checked(input, options, gradOutput);
  const gradIn = new Float64Array(input.data.length);
  avgPoolBackwardInto(gradOutput.data, gradIn, g);
  return { shape: [...input.shape], data: gradIn };
}
