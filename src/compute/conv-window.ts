/**
 * One output value of a convolution taken apart, for readers who want to see every term: the input values under the
 * window, the weights, their products and the per-channel sums. Plus the two reshapes that turn a convolution into
 * one matrix product, and the flip that separates true convolution from the cross-correlation networks compute.
 */
import { conv2d, type ConvOptions } from './convolution.ts';
import type { Tensor } from './tensor.ts';
import { pairOf } from './shapes.ts';
import { assertWholeNumber } from './checks.ts';

/** One tap of the kernel at one output position. */
export interface WindowTerm {
  channel: number;
  /** Kernel row and column of the tap. */
  i: number;
  j: number;
  /** Input row and column the tap lands on (negative or past the edge: in the padding). */
  row: number;
  col: number;
  /** The input value there: 0 in the padding. */
  value: number;
  weight: number;
  product: number;
  inPadding: boolean;
}

/**
 * The terms of out[kernel, y, x] in conv2d(input, weight, bias, options): every (channel, i, j) tap in the weight's
 * order, each channel's partial sum, and the total including the bias. `sum` equals conv2d's value exactly in float64.
 */
export function windowTerms(
  input: Tensor,
  weight: Tensor,
  bias: ArrayLike<number> | null,
  position: { kernel: number; y: number; x: number },
  options: ConvOptions = {},
): { terms: WindowTerm[]; channelSums: number[]; bias: number; sum: number } {
  // conv2d validates shapes, values and sizes; reusing it also gives the output size to check the position against.
  const output = conv2d(input, weight, bias, options);
  const [outChannels, outHeight, outWidth] = output.shape as [number, number, number];
  const { kernel, y, x } = position;
  for (const [value, limit, what] of [[kernel, outChannels, 'kernel'], [y, outHeight, 'output row'], [x, outWidth, 'output column']] as const) {
    assertWholeNumber(value, `The ${what}`, 0, limit - 1);
  }
  const [, height, width] = input.shape as [number, number, number];
  const [, channels, kh, kw] = weight.shape as [number, number, number, number];
  const [sy, sx] = pairOf(options.stride, 1, 'The stride', 1);
  const [py, px] = pairOf(options.padding, 0, 'The padding', 0);
  const [dy, dx] = pairOf(options.dilation, 1, 'The dilation', 1);
  const terms: WindowTerm[] = [];
  const channelSums = new Array<number>(channels).fill(0);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = y * sy - py + i * dy;
        const col = x * sx - px + j * dx;
        const inPadding = row < 0 || row >= height || col < 0 || col >= width;
        const value = inPadding ? 0 : input.data[(c * height + row) * width + col]!;
        const w = weight.data[((kernel * channels + c) * kh + i) * kw + j]!;
        terms.push({ channel: c, i, j, row, col, value, weight: w, product: value * w, inPadding });
        channelSums[c]! += value * w;
      }
    }
  }
  const biasValue = bias ? bias[kernel]! : 0;
  return { terms, channelSums, bias: biasValue, sum: output.data[(kernel * outHeight + y) * outWidth + x]! };
}

/** The weight [O, C, kH, kW] viewed as the [O, C·kH·kW] matrix that multiplies im2col's patch matrix. */
export function kernelMatrix(weight: Tensor): Tensor {
  if (weight.shape.length !== 4) throw new RangeError('The weight must have 4 dimensions [O, C, kH, kW].');
  const [o, c, kh, kw] = weight.shape as [number, number, number, number];
  if (weight.data.length !== o * c * kh * kw) throw new RangeError(`The weight has ${weight.data.length} values for shape ${weight.shape.join('×')}.`);
  // Row-major [O, C, kH, kW] already lists each kernel's (c, i, j) values in a row: a reshape, no copy of meaning.
  return { shape: [o, c * kh * kw], data: weight.data.slice() };
}

/**
 * The weight with each kernel turned by 180° (rows and columns reversed). True convolution of x with k equals
 * conv2d (cross-correlation) of x with flipKernel(k); for symmetric kernels the two are the same.
 */
export function flipKernel(weight: Tensor): Tensor {
  if (weight.shape.length !== 4) throw new RangeError('The weight must have 4 dimensions [O, C, kH, kW].');
  const [o, c, kh, kw] = weight.shape as [number, number, number, number];
  const data = new (weight.data instanceof Float32Array ? Float32Array : Float64Array)(weight.data.length);
  for (let plane = 0; plane < o * c; plane++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) data[(plane * kh + i) * kw + j] = weight.data[(plane * kh + (kh - 1 - i)) * kw + (kw - 1 - j)]!;
    }
  }
  return { shape: [o, c, kh, kw], data };
}
