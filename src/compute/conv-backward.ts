/**
 * The backward pass of conv2d. For out[o, y, x] = b[o] + Σ_c Σ_i Σ_j in[c, y·s − p + i·d, x·s − p + j·d] · w[o, c, i, j]:
 *   ∂L/∂w[o, c, i, j] = Σ_y Σ_x ∂L/∂out[o, y, x] · in[c, y·s − p + i·d, x·s − p + j·d]   (a correlation of the input
 *                                                                                          with the output gradient)
 *   ∂L/∂in[c, v, u]   = Σ_o Σ_i Σ_j ∂L/∂out[o, y, x] · w[o, c, i, j] over the (y, x) that reached (v, u)
 *                                                                                         (a "full" convolution with the
 *                                                                                          flipped kernel, for stride 1)
 *   ∂L/∂b[o]          = Σ_y Σ_x ∂L/∂out[o, y, x].
 * One loop visits every (output, tap) pair that touches the image once and serves all three sums.
 */
import { convOutputSize, pairOf } from './shapes.ts';
import { assertTensor, type Tensor } from './tensor.ts';
import type { ConvOptions } from './convolution.ts';

/** Sizes of one convolution on flat arrays: input [C, H, W], weight [O, C, kH, kW], output [O, Hₒ, Wₒ]. */
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
  return { channels, height, width, kernels, kh, kw, sh, sw, ph, pw, dh, dw, outHeight, outWidth };
}

/** The outputs o (first…last, inclusive) whose tap at offset t·d − p lands inside an axis of length n. */
function validRange(n: number, out: number, stride: number, offset: number): [number, number] {
  const first = Math.max(0, Math.ceil(-offset / stride));
  const last = Math.min(out - 1, Math.floor((n - 1 - offset) / stride));
  return [first, last];
}

/**
 * Accumulates the convolution's gradients on flat arrays: `gradWeight` and `gradBias` (if given) are added to,
 * `gradInput` (if given) too, so a caller sums over a batch by calling this once per example.
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
  const { height, width, outHeight, outWidth, sh, sw } = g;
  const plane = height * width;
  const outPlane = outHeight * outWidth;
  for (let o = 0; o < g.kernels; o++) {
    const gBase = o * outPlane;
    if (gradBias) {
      let sum = 0;
      for (let k = gBase; k < gBase + outPlane; k++) sum += gradOut[k]!;
      gradBias[o]! += sum;
    }
    for (let c = 0; c < g.channels; c++) {
      const xBase = c * plane;
      for (let i = 0; i < g.kh; i++) {
        const rowOffset = i * g.dh - g.ph;
        const [y0, y1] = validRange(height, outHeight, sh, rowOffset);
        for (let j = 0; j < g.kw; j++) {
          const colOffset = j * g.dw - g.pw;
          const [x0, x1] = validRange(width, outWidth, sw, colOffset);
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

/**
 * The gradients of a loss L with respect to conv2d's input, weight and bias, given ∂L/∂output. Input [C, H, W],
 * weight [O, C, kH, kW], output gradient [O, Hₒ, Wₒ]; the same stride, padding and dilation as the forward call.
 */
export function conv2dBackward(input: Tensor, weight: Tensor, gradOutput: Tensor, options: ConvOptions = {}): { gradInput: Tensor; gradWeight: Tensor; gradBias: Float64Array } {
  assertTensor(input, 3, 'The input');
  assertTensor(weight, 4, 'The weight');
  assertTensor(gradOutput, 3, 'The output gradient');
  const g = convGeometry(input.shape, weight.shape, options);
  const expected = [g.kernels, g.outHeight, g.outWidth];
  if (gradOutput.shape.some((d, i) => d !== expected[i])) {
    throw new RangeError(`The output gradient must have the output's shape ${expected.join('×')}, not ${gradOutput.shape.join('×')}.`);
  }
  const gradInput = new Float64Array(input.data.length);
  const gradWeight = new Float64Array(weight.data.length);
  const gradBias = new Float64Array(g.kernels);
  convBackwardInto(input.data, weight.data, gradOutput.data, gradInput, gradWeight, gradBias, g);
  return { gradInput: { shape: [...input.shape], data: gradInput }, gradWeight: { shape: [...weight.shape], data: gradWeight }, gradBias };
}
