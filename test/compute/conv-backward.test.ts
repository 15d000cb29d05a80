import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { conv2d, conv2dBackward, flipKernel, gradientTerms, type Tensor } from '../../src/compute';
import { seededRandom } from './random';
import { dot, expectGradientsClose, numericGradient } from './gradcheck';

const random = seededRandom(20261201);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const randomTensor = (shape: number[]): Tensor => ({ shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * random() - 1) });

/** A random convolution that fits: channels, kernels, sizes, stride, padding and dilation per axis. */
function randomCase() {
  for (;;) {
    const [c, o, kh, kw] = [int(1, 3), int(1, 3), int(1, 4), int(1, 4)];
    const options = { stride: [int(1, 3), int(1, 3)] as [number, number], padding: [int(0, 2), int(0, 2)] as [number, number], dilation: [int(1, 2), int(1, 2)] as [number, number] };
    const [h, w] = [int(1, 8), int(1, 8)];
    const outH = Math.floor((h + 2 * options.padding[0] - options.dilation[0] * (kh - 1) - 1) / options.stride[0]) + 1;
    const outW = Math.floor((w + 2 * options.padding[1] - options.dilation[1] * (kw - 1) - 1) / options.stride[1]) + 1;
    if (outH >= 1 && outW >= 1) return { input: randomTensor([c, h, w]), weight: randomTensor([o, c, kh, kw]), bias: Float64Array.from({ length: o }, () => random()), gradOut: randomTensor([o, outH, outW]), options };
  }
}

describe('conv2dBackward', () => {
  it('agrees with central differences on 300 random convolutions (strides, paddings, dilations per axis)', () => {
    for (let trial = 0; trial < 300; trial++) {
      const { input, weight, bias, gradOut, options } = randomCase();
      const loss = () => dot(gradOut.data, conv2d(input, weight, bias, options).data);
      const { gradInput, gradWeight, gradBias } = conv2dBackward(input, weight, gradOut, options);
      const label = `trial ${trial}: ${JSON.stringify({ input: input.shape, weight: weight.shape, ...options })}`;
      expectGradientsClose(gradInput.data, numericGradient(input.data as Float64Array, loss), `${label} input`);
      expectGradientsClose(gradWeight.data, numericGradient(weight.data as Float64Array, loss), `${label} weight`);
      expectGradientsClose(gradBias, numericGradient(bias, loss), `${label} bias`);
    }
  });

  it('agrees with TensorFlow.js autodiff, an independent implementation (strides and paddings)', () => {
    tf.setBackend('cpu');
    for (let trial = 0; trial < 40; trial++) {
      const { input, weight, options } = randomCase();
      // TF.js has no gradient for dilated convolutions: those are checked by central differences above.
      const opts = { ...options, dilation: [1, 1] as [number, number] };
      let out: Tensor;
      try {
        out = conv2d(input, weight, null, opts);
      } catch {
        continue; // undilated, the kernel may not fit this input
      }
      const g = randomTensor(out.shape);
      const [c, h, w] = input.shape as [number, number, number];
      const [o, , kh, kw] = weight.shape as [number, number, number, number];
      // NCHW → NHWC and OIHW → HWIO, TF's layouts.
      const x = tf.transpose(tf.tensor4d(Array.from(input.data), [1, c, h, w]), [0, 2, 3, 1]) as tf.Tensor4D;
      const filter = tf.transpose(tf.tensor4d(Array.from(weight.data), [o, c, kh, kw]), [2, 3, 1, 0]) as tf.Tensor4D;
      const dy = tf.transpose(tf.tensor4d(Array.from(g.data), out.shape.length === 3 ? [1, ...out.shape] as [number, number, number, number] : [1, 1, 1, 1]), [0, 2, 3, 1]) as tf.Tensor4D;
      const pad = [[0, 0], [opts.padding[0], opts.padding[0]], [opts.padding[1], opts.padding[1]], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]];
      const [dx, dw] = tf.grads((...args: tf.Tensor[]) => tf.conv2d(args[0] as tf.Tensor4D, args[1] as tf.Tensor4D, opts.stride, pad, 'NHWC', opts.dilation))([x, filter], dy);
      const ours = conv2dBackward(input, weight, g, opts);
      expectGradientsClose(ours.gradInput.data, Float64Array.from(tf.transpose(dx!, [0, 3, 1, 2]).dataSync()), `trial ${trial} input`, 1e-4);
      expectGradientsClose(ours.gradWeight.data, Float64Array.from(tf.transpose(dw!, [3, 2, 0, 1]).dataSync()), `trial ${trial} weight`, 1e-4);
      tf.dispose([x, filter, dy, dx!, dw!]);
    }
  });

  it('for stride 1, the input gradient is the "full" convolution of the output gradient with the flipped kernel', () => {
    const input = randomTensor([1, 5, 5]);
    const weight = randomTensor([1, 1, 3, 3]);
    const gradOut = randomTensor([1, 3, 3]);
    const full = conv2d(gradOut, { shape: [1, 1, 3, 3], data: flipKernel(weight).data }, null, { padding: 2 });
    expect(Array.from(conv2dBackward(input, weight, gradOut).gradInput.data).map((v) => v.toFixed(12))).toEqual(Array.from(full.data).map((v) => v.toFixed(12)));
  });

  it('a hand example: ∂L/∂w is the input correlated with ∂L/∂out', () => {
    const input = { shape: [1, 2, 2], data: Float64Array.from([1, 2, 3, 4]) };
    const weight = { shape: [1, 1, 1, 1], data: Float64Array.from([5]) };
    const gradOut = { shape: [1, 2, 2], data: Float64Array.from([1, 0, 0, 2]) };
    const { gradInput, gradWeight, gradBias } = conv2dBackward(input, weight, gradOut);
    expect(Array.from(gradWeight.data)).toEqual([1 * 1 + 4 * 2]);
    expect(Array.from(gradInput.data)).toEqual([5, 0, 0, 10]);
    expect(Array.from(gradBias)).toEqual([3]);
  });

  it('refuses an output gradient of the wrong shape, and channels that do not match', () => {
    const input = randomTensor([2, 4, 4]);
    expect(() => conv2dBackward(input, randomTensor([1, 2, 3, 3]), randomTensor([1, 3, 3]))).toThrow(/output’s shape 1×2×2/);
    expect(() => conv2dBackward(input, randomTensor([1, 3, 3, 3]), randomTensor([1, 2, 2]))).toThrow(/expects 3 input channels, but the input has 2/);
  });
});

describe('gradientTerms', () => {
  it("writes each weight and input gradient as terms whose sum is conv2dBackward's entry", () => {
    for (let trial = 0; trial < 60; trial++) {
      const { input, weight, gradOut, options } = randomCase();
      const [o, c, kh, kw] = weight.shape as [number, number, number, number];
      const [, h, w] = input.shape as [number, number, number];
      const pickWeight: [number, number, number, number] = [int(0, o - 1), int(0, c - 1), int(0, kh - 1), int(0, kw - 1)];
      const pickInput: [number, number, number] = [int(0, c - 1), int(0, h - 1), int(0, w - 1)];
      for (const pick of [{ weight: pickWeight }, { input: pickInput }]) {
        const { terms, sum } = gradientTerms(input, weight, gradOut, pick, options);
        expect(terms.reduce((total, t) => total + t.gradOut * t.factor, 0)).toBeCloseTo(sum, 12);
      }
    }
  });

  it('a corner input of a 3×3 kernel at stride 1 is reached by one output; the centre by nine', () => {
    const input = randomTensor([1, 5, 5]);
    const weight = randomTensor([1, 1, 3, 3]);
    const gradOut = randomTensor([1, 3, 3]);
    expect(gradientTerms(input, weight, gradOut, { input: [0, 0, 0] }).terms).toHaveLength(1);
    expect(gradientTerms(input, weight, gradOut, { input: [0, 2, 2] }).terms).toHaveLength(9);
    expect(gradientTerms(input, weight, gradOut, { weight: [0, 0, 1, 1] }).terms).toHaveLength(9);
  });
});
