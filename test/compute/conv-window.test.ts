import { describe, expect, it } from 'vitest';
import { conv2d, flipKernel, im2col, kernelMatrix, matmul, windowTerms, type Tensor } from '../../src/compute';
import { seededRandom } from './random';

const tensor = (shape: number[], values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });

describe('windowTerms: one output value, term by term', () => {
  it('hand-worked: 3×3 input, 2×2 kernel, output (0, 1)', () => {
    const input = tensor([1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const weight = tensor([1, 1, 2, 2], [1, 0, 0, -1]);
    const { terms, sum, channelSums } = windowTerms(input, weight, null, { kernel: 0, y: 0, x: 1 });
    expect(terms.map((t) => [t.row, t.col, t.value, t.weight, t.product])).toEqual([
      [0, 1, 2, 1, 2],
      [0, 2, 3, 0, 0],
      [1, 1, 5, 0, 0],
      [1, 2, 6, -1, -6],
    ]);
    expect(sum).toBe(-4);
    expect(channelSums).toEqual([-4]);
  });

  it('marks padding taps with value 0', () => {
    const input = tensor([1, 2, 2], [1, 2, 3, 4]);
    const weight = tensor([1, 1, 3, 3], [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const { terms, sum } = windowTerms(input, weight, [0.5], { kernel: 0, y: 0, x: 0 }, { padding: 1 });
    expect(terms.filter((t) => t.inPadding)).toHaveLength(5);
    expect(terms.filter((t) => t.inPadding).every((t) => t.value === 0 && t.product === 0)).toBe(true);
    expect(sum).toBe(10.5);
  });

  it('for random settings, channel sums + bias = conv2d at every output position', () => {
    const random = seededRandom(7);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let checked = 0;
    while (checked < 60) {
      const [C, H, W, O, K] = [int(1, 3), int(2, 7), int(2, 7), int(1, 3), int(1, 3)];
      const options = { stride: [int(1, 2), int(1, 2)] as [number, number], padding: [int(0, 2), int(0, 2)] as [number, number], dilation: [int(1, 2), int(1, 2)] as [number, number] };
      if (H + 2 * options.padding[0] < options.dilation[0] * (K - 1) + 1 || W + 2 * options.padding[1] < options.dilation[1] * (K - 1) + 1) continue;
      const input = tensor([C, H, W], Array.from({ length: C * H * W }, () => random() * 4 - 2));
      const weight = tensor([O, C, K, K], Array.from({ length: O * C * K * K }, () => random() * 4 - 2));
      const bias = Array.from({ length: O }, () => random());
      const out = conv2d(input, weight, bias, options);
      const [, oh, ow] = out.shape as [number, number, number];
      for (let o = 0; o < O; o++) {
        for (let y = 0; y < oh; y++) {
          for (let x = 0; x < ow; x++) {
            const parts = windowTerms(input, weight, bias, { kernel: o, y, x }, options);
            expect(parts.terms).toHaveLength(C * K * K);
            const fromParts = parts.channelSums.reduce((a, b) => a + b, 0) + parts.bias;
            expect(fromParts).toBeCloseTo(out.data[(o * oh + y) * ow + x]!, 12);
            expect(parts.sum).toBe(out.data[(o * oh + y) * ow + x]);
          }
        }
      }
      checked++;
    }
  });

  it('rejects a position outside the output', () => {
    const input = tensor([1, 3, 3], Array(9).fill(1));
    const weight = tensor([1, 1, 2, 2], [1, 1, 1, 1]);
    expect(() => windowTerms(input, weight, null, { kernel: 0, y: 2, x: 0 })).toThrow(/output row must be a whole number from 0 to 1/);
    expect(() => windowTerms(input, weight, null, { kernel: 1, y: 0, x: 0 })).toThrow(RangeError);
  });
});

describe('kernelMatrix × im2col = conv2d', () => {
  it('on a 3-channel input with two kernels, stride 2, padding 1', () => {
    const random = seededRandom(3);
    const input = tensor([3, 5, 5], Array.from({ length: 75 }, () => Math.round(random() * 9)));
    const weight = tensor([2, 3, 3, 3], Array.from({ length: 54 }, () => Math.round(random() * 4) - 2));
    const options = { stride: 2, padding: 1 };
    const matrix = kernelMatrix(weight);
    expect(matrix.shape).toEqual([2, 27]);
    const product = matmul(matrix, im2col(input, 3, options));
    expect(product.shape).toEqual([2, 9]);
    expect(Array.from(product.data)).toEqual(Array.from(conv2d(input, weight, null, options).data));
  });
});

describe('flipKernel: convolution versus cross-correlation', () => {
  /** True convolution by its definition: out[y, x] = Σ in[y + a − m, x + b − m] · k[a', b'] with the kernel reversed. */
  function trueConvolution(input: number[][], kernel: number[][]): number[][] {
    const k = kernel.length;
    const out: number[][] = [];
    for (let y = 0; y + k <= input.length; y++) {
      out.push([]);
      for (let x = 0; x + k <= input[0]!.length; x++) {
        let sum = 0;
        // (f * g)(n) = Σ_m f(m) g(n − m): the input index runs forwards while the kernel index runs backwards.
        for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sum += input[y + a]![x + b]! * kernel[k - 1 - a]![k - 1 - b]!;
        out[y]!.push(sum);
      }
    }
    return out;
  }

  it('conv2d with the flipped kernel is true convolution; with the kernel itself it is not (for an asymmetric kernel)', () => {
    const image = [[1, 2, 0, 3], [4, 1, 1, 0], [0, 2, 5, 1], [3, 0, 1, 2]];
    const kernel = [[1, 2, 0], [0, -1, 0], [0, 0, 3]];
    const input = tensor([1, 4, 4], image.flat());
    const weight = tensor([1, 1, 3, 3], kernel.flat());
    const expected = trueConvolution(image, kernel).flat();
    expect(Array.from(conv2d(input, flipKernel(weight)).data)).toEqual(expected);
    expect(Array.from(conv2d(input, weight).data)).not.toEqual(expected);
  });

  it('flipping twice gives the kernel back; a symmetric kernel is its own flip', () => {
    const weight = tensor([2, 1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Array.from(flipKernel(weight).data)).toEqual([6, 5, 4, 3, 2, 1, 12, 11, 10, 9, 8, 7]);
    expect(Array.from(flipKernel(flipKernel(weight)).data)).toEqual(Array.from(weight.data));
    const symmetric = tensor([1, 1, 3, 3], [1, 2, 1, 2, 4, 2, 1, 2, 1]);
    expect(Array.from(flipKernel(symmetric).data)).toEqual(Array.from(symmetric.data));
  });
});
