/**
 * The backward pass of conv2d. For out[o, y, x] = b[o] + Σ_c Σ_i Σ_j in[c, y·s − p + i·d, x·s − p + j·d] · w[o, c, i, j]:
 *   ∂L/∂w[o, c, i, j] = Σ_y Σ_x ∂L/∂out[o, y, x] · in[c, y·s − p + i·d, x·s − p + j·d]   (a correlation of the input
 *                                                                                          with the output gradient)
 *   ∂L/∂in[c, v, u]   = Σ_o Σ_i Σ_j ∂L/∂out[o, y, x] · w[o, c, i, j] over the (y, x) that reached (v, u)
 *                                                                                         (a "full" convolution with the
 *                                                                                          flipped kernel, for stride 1)
 *   ∂L/∂b[o]          = Σ_y Σ_x ∂L/∂out[o, y, x].
 * conv-kernels.ts has the loops; each visits every (output, tap) pair that touches the image once for all three.
 */
import { assertTensor, type Tensor } from './tensor.ts';
import { convBackwardInto, convGeometry } from './conv-kernels.ts';
import type { ConvOptions } from './convolution.ts';

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
    throw new RangeError(`The output gradient must have the output’s shape ${expected.join('×')}, not ${gradOutput.shape.join('×')}.`);
  }
  const gradInput = new Float64Array(input.data.length);
  const gradWeight = new Float64Array(weight.data.length);
  const gradBias = new Float64Array(g.kernels);
  convBackwardInto(input.data, weight.data, gradOutput.data, gradInput, gradWeight, gradBias, g);
  return { gradInput: { shape: [...input.shape], data: gradInput }, gradWeight: { shape: [...weight.shape], data: gradWeight }, gradBias };
}


/** One term of a gradient sum: an output position, its gradient ∂L/∂out, and the factor it is multiplied by. */
export interface GradientTerm {
  /** Output position (channel, row, column) the term comes from. */
  out: [number, number, number];
  gradOut: number;
  /** The input value (for a weight's gradient) or the weight (for an input's gradient) it is multiplied by. */
  factor: number;
  /** Where the factor comes from: input [c, y, x] or weight [o, c, i, j]. */
  factorAt: number[];
}

/**
 * One gradient of conv2d written out term by term: for a weight [o, c, i, j], Σ over outputs of ∂L/∂out · input;
 * for an input value [c, y, x], Σ over the outputs whose window covered it of ∂L/∂out · weight. `sum` is exactly
 * the entry conv2dBackward returns.
 */
export function gradientTerms(input: Tensor, weight: Tensor, gradOutput: Tensor, pick: { weight: [number, number, number, number] } | { input: [number, number, number] }, options: ConvOptions = {}): { terms: GradientTerm[]; sum: number } {
  const { gradInput, gradWeight } = conv2dBackward(input, weight, gradOutput, options);
  const g = convGeometry(input.shape, weight.shape, options);
  const terms: GradientTerm[] = [];
  const weightAt = (o: number, c: number, i: number, j: number) => weight.data[((o * g.channels + c) * g.kh + i) * g.kw + j]!;
  const inputAt = (c: number, y: number, x: number) => input.data[(c * g.height + y) * g.width + x]!;
  // Every (output, tap) pair that lands inside the input, in reading order.
  for (let o = 0; o < g.kernels; o++) {
    for (let y = 0; y < g.outHeight; y++) {
      for (let x = 0; x < g.outWidth; x++) {
        const gradOut = gradOutput.data[(o * g.outHeight + y) * g.outWidth + x]!;
        for (let c = 0; c < g.channels; c++) {
          for (let i = 0; i < g.kh; i++) {
            for (let j = 0; j < g.kw; j++) {
              const [iy, ix] = [y * g.sh + i * g.dh - g.ph, x * g.sw + j * g.dw - g.pw];
              if (iy < 0 || iy >= g.height || ix < 0 || ix >= g.width) continue;
              if ('weight' in pick && pick.weight.join() === [o, c, i, j].join()) terms.push({ out: [o, y, x], gradOut, factor: inputAt(c, iy, ix), factorAt: [c, iy, ix] });
              if ('input' in pick && pick.input.join() === [c, iy, ix].join()) terms.push({ out: [o, y, x], gradOut, factor: weightAt(o, c, i, j), factorAt: [o, c, i, j] });
            }
          }
        }
      }
    }
  }
  const sum = 'weight' in pick
    ? gradWeight.data[((pick.weight[0] * g.channels + pick.weight[1]) * g.kh + pick.weight[2]) * g.kw + pick.weight[3]]
    : gradInput.data[(pick.input[0] * g.height + pick.input[1]) * g.width + pick.input[2]];
  if (sum === undefined) throw new RangeError('That weight or input position is outside the tensor.');
  return { terms, sum };
}
