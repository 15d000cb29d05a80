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
    throw new RangeError(`The output gradient must have the output's shape ${expected.join('×')}, not ${gradOutput.shape.join('×')}.`);
  }
  const gradInput = new Float64Array(input.data.length);
  const gradWeight = new Float64Array(weight.data.length);
  const gradBias = new Float64Array(g.kernels);
  convBackwardInto(input.data, weight.data, gradOutput.data, gradInput, gradWeight, gradBias, g);
  return { gradInput: { shape: [...input.shape], data: gradInput }, gradWeight: { shape: [...weight.shape], data: gradWeight }, gradBias };
}

