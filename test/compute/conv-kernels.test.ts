import { describe, expect, it } from 'vitest';
import { conv2d, type Tensor } from '../../src/compute';
import { convBackwardInto, convForwardInto, convGeometry } from '../../src/compute/conv-kernels';
import { seededRandom } from './random';
import { dot, expectGradientsClose, numericGradient } from './gradcheck';

const random = seededRandom(99);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
/** Values in [−1, 1), a share `zeros` of them exactly 0 (as a digit's blank paper, or a gradient behind ReLU). */
const sparse = (n: number, zeros: number) => Float64Array.from({ length: n }, () => (random() < zeros ? 0 : 2 * random() - 1));

function randomGeometry() {
  for (;;) {
    const options = { stride: [int(1, 2), int(1, 2)] as [number, number], padding: [int(0, 2), int(0, 2)] as [number, number], dilation: [int(1, 2), int(1, 2)] as [number, number] };
    const input = [int(1, 3), int(3, 9), int(3, 9)];
    // 1 to 6 kernels, up to 48 taps and 13×13 outputs: the tap-by-tap forms, and in the matrix-product one its blocks
    // of four kernels by four positions and of eight and four taps, and the kernels, positions and taps left over.
    const weight = [int(1, 6), input[0]!, int(1, 4), int(1, 4)];
    try {
      return { g: convGeometry(input, weight, options), input, weight, options };
    } catch {
      // this kernel does not fit this input: draw again
    }
  }
}

/** A random convolution with an input, a weight and an output gradient, shares `inputZeros` and `gradZeros` of 0. */
function randomBackward(inputZeros: number, gradZeros: number) {
  const { g, input, weight } = randomGeometry();
  const x = sparse(input.reduce((a, b) => a * b, 1), inputZeros);
  const w = sparse(weight.reduce((a, b) => a * b, 1), 0);
  return { g, x, w, gradOut: sparse(g.kernels * g.outHeight * g.outWidth, gradZeros) };
}

describe('convolution kernels: dense and sparse forms', () => {
  it('the forward pass equals conv2d whether the input is dense (matrix products from 4 kernels, tap by tap below) or mostly zeros (products over non-empty windows, any number of kernels and stride)', () => {
    for (let trial = 0; trial < 200; trial++) {
      const { g, input, weight, options } = randomGeometry();
      const zeros = trial % 2 ? 0.9 : 0;
      const x: Tensor = { shape: input, data: sparse(input.reduce((a, b) => a * b, 1), zeros) };
      const w: Tensor = { shape: weight, data: sparse(weight.reduce((a, b) => a * b, 1), 0) };
      const bias = sparse(weight[0]!, 0);
      const out = new Float64Array(g.kernels * g.outHeight * g.outWidth);
      convForwardInto(x.data, w.data, bias, out, g);
      const expected = conv2d(x, w, bias, options).data;
      out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    }
  });

  it.each([
    ['mostly zeros (sparse tap form, or products skipping zeros)', 0.8],
    ['dense (products or tap-by-tap form)', 0],
  ])('the backward pass agrees with central differences when the output gradient is %s', (_, zeros) => {
    for (let trial = 0; trial < 150; trial++) {
      const { g, x, w, gradOut } = randomBackward(0.5, zeros);
      const loss = () => {
        const out = new Float64Array(gradOut.length);
        convForwardInto(x, w, null, out, g);
        return dot(gradOut, out);
      };
      const gradInput = new Float64Array(x.length);
      const gradWeight = new Float64Array(w.length);
      convBackwardInto(x, w, gradOut, gradInput, gradWeight, null, g);
      expectGradientsClose(gradInput, numericGradient(x, loss), `trial ${trial} input`);
      expectGradientsClose(gradWeight, numericGradient(w, loss), `trial ${trial} weight`);
    }
  });

  it('sparse and dense backward passes give the same sums (to rounding) for the same gradient', () => {
    for (let trial = 0; trial < 40; trial++) {
      const { g, x, w, gradOut } = randomBackward(0, 0.7);
      const [sparseIn, sparseW] = [new Float64Array(x.length), new Float64Array(w.length)];
      convBackwardInto(x, w, gradOut, sparseIn, sparseW, null, g);
      // Nudging every zero to a tiny value forces a dense form on the same sums.
      const dense = Float64Array.from(gradOut, (v) => (v === 0 ? 1e-300 : v));
      const [denseIn, denseW] = [new Float64Array(x.length), new Float64Array(w.length)];
      convBackwardInto(x, w, dense, denseIn, denseW, null, g);
      sparseIn.forEach((v, i) => expect(v).toBeCloseTo(denseIn[i]!, 12));
      sparseW.forEach((v, i) => expect(v).toBeCloseTo(denseW[i]!, 12));
    }
  });
});

describe('convolution kernels: one gradient or both', () => {
  it('a dense backward pass asked for one gradient only adds exactly what it adds when asked for both', () => {
    for (let trial = 0; trial < 50; trial++) {
      const { g, x, w, gradOut } = randomBackward(0, 0);
      const [bothIn, bothW] = [new Float64Array(x.length), new Float64Array(w.length)];
      convBackwardInto(x, w, gradOut, bothIn, bothW, null, g);
      const [onlyIn, onlyW] = [new Float64Array(x.length), new Float64Array(w.length)];
      convBackwardInto(x, w, gradOut, onlyIn, null, null, g);
      convBackwardInto(x, w, gradOut, null, onlyW, null, g);
      expect(onlyIn).toEqual(bothIn);
      expect(onlyW).toEqual(bothW);
    }
  });
});
