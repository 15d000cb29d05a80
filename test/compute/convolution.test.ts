import { describe, expect, it } from 'vitest';
import { conv2d, im2col, matmul, parameterCounts, type Tensor } from '../../src/compute';
import { seededRandom } from './random';

const tensor = (shape: number[], values: number[] | Float32Array | Float64Array): Tensor => ({ shape, data: Float64Array.from(values) });

/** The textbook definition, with no cleverness: every output, every tap, bounds checked one by one. */
function bruteForce(input: Tensor, weight: Tensor, bias: number[] | null, s: [number, number], p: [number, number], d: [number, number]): number[][][] {
  const [C, H, W] = input.shape as [number, number, number];
  const [O, , KH, KW] = weight.shape as [number, number, number, number];
  const at = (c: number, y: number, x: number) => (y < 0 || y >= H || x < 0 || x >= W ? 0 : input.data[(c * H + y) * W + x]!);
  const outH = Math.floor((H + 2 * p[0] - d[0] * (KH - 1) - 1) / s[0]) + 1;
  const outW = Math.floor((W + 2 * p[1] - d[1] * (KW - 1) - 1) / s[1]) + 1;
  return Array.from({ length: O }, (_, o) =>
    Array.from({ length: outH }, (_, y) =>
      Array.from({ length: outW }, (_, x) => {
        let sum = bias ? bias[o]! : 0;
        for (let c = 0; c < C; c++)
          for (let i = 0; i < KH; i++)
            for (let j = 0; j < KW; j++) sum += weight.data[((o * C + c) * KH + i) * KW + j]! * at(c, y * s[0] - p[0] + i * d[0], x * s[1] - p[1] + j * d[1]);
        return sum;
      }),
    ),
  );
}

const nested = (t: Tensor) => {
  const [O, H, W] = t.shape as [number, number, number];
  return Array.from({ length: O }, (_, o) => Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => t.data[(o * H + y) * W + x]!)));
};

describe('conv2d: hand-worked examples', () => {
  it('a 3×3 input, 2×2 kernel: cross-correlation, not convolution (no flip)', () => {
    const input = tensor([1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const weight = tensor([1, 1, 2, 2], [1, 0, 0, -1]); // top-left minus bottom-right
    expect(nested(conv2d(input, weight))).toEqual([[[1 - 5, 2 - 6], [4 - 8, 5 - 9]]]);
  });

  it('padding 1 keeps the size; bias is added once per output', () => {
    const input = tensor([1, 2, 2], [1, 2, 3, 4]);
    const weight = tensor([1, 1, 3, 3], [0, 0, 0, 0, 1, 0, 0, 0, 0]); // identity
    expect(nested(conv2d(input, weight, [10], { padding: 1 }))).toEqual([[[11, 12], [13, 14]]]);
  });

  it('two input channels are summed; two kernels give two maps', () => {
    const input = tensor([2, 1, 2], [1, 2, 10, 20]);
    const weight = tensor([2, 2, 1, 1], [1, 1, 1, -1]);
    expect(nested(conv2d(input, weight))).toEqual([[[11, 22]], [[-9, -18]]]);
  });

  it('stride 2 and dilation 2, per axis', () => {
    const input = tensor([1, 1, 7], [0, 1, 2, 3, 4, 5, 6]);
    const weight = tensor([1, 1, 1, 2], [1, 1]);
    // Taps 2 apart; windows start every 2: (0+2), (2+4), (4+6).
    expect(nested(conv2d(input, weight, null, { stride: [1, 2], dilation: [1, 2] }))).toEqual([[[2, 6, 10]]]);
  });
});

describe('conv2d agrees with the brute-force definition', () => {
  it('for 300 random shapes, strides, paddings and dilations (per axis), channel and kernel counts', () => {
    const random = seededRandom(1998);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let checked = 0;
    while (checked < 300) {
      const [C, H, W, O, KH, KW] = [int(1, 3), int(1, 9), int(1, 9), int(1, 3), int(1, 4), int(1, 4)];
      const s: [number, number] = [int(1, 3), int(1, 3)];
      const p: [number, number] = [int(0, 2), int(0, 2)];
      const d: [number, number] = [int(1, 3), int(1, 3)];
      if (H + 2 * p[0] < d[0] * (KH - 1) + 1 || W + 2 * p[1] < d[1] * (KW - 1) + 1) continue;
      const input = tensor([C, H, W], Array.from({ length: C * H * W }, () => random() * 2 - 1));
      const weight = tensor([O, C, KH, KW], Array.from({ length: O * C * KH * KW }, () => random() * 2 - 1));
      const bias = random() < 0.5 ? Array.from({ length: O }, () => random()) : null;
      const got = nested(conv2d(input, weight, bias, { stride: s, padding: p, dilation: d }));
      const expected = bruteForce(input, weight, bias, s, p, d);
      expect(got.length).toBe(expected.length);
      got.flat(2).forEach((v, i) => expect(v).toBeCloseTo(expected.flat(2)[i]!, 12));
      // im2col then one matrix product gives the same numbers.
      const patches = im2col(input, [KH, KW], { stride: s, padding: p, dilation: d });
      const product = matmul({ shape: [O, C * KH * KW], data: weight.data }, patches);
      product.data.forEach((v, i) => {
        const withBias = v + (bias ? bias[Math.floor(i / patches.shape[1]!)]! : 0);
        expect(withBias).toBeCloseTo(expected.flat(2)[i]!, 12);
      });
      checked++;
    }
  });

  it('the 3×3 fast path, float32 data and reused output buffers agree with the definition (200 random cases)', () => {
    const random = seededRandom(33);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let checked = 0;
    while (checked < 200) {
      const [C, H, W, O] = [int(1, 3), int(3, 12), int(3, 12), int(1, 3)];
      const s: [number, number] = [int(1, 2), int(1, 2)];
      const p: [number, number] = [int(0, 2), int(0, 2)];
      const d: [number, number] = [int(1, 2), int(1, 2)];
      if (H + 2 * p[0] < 2 * d[0] + 1 || W + 2 * p[1] < 2 * d[1] + 1) continue;
      const input32 = { shape: [C, H, W], data: Float32Array.from({ length: C * H * W }, () => random() * 2 - 1) };
      const weight32 = { shape: [O, C, 3, 3], data: Float32Array.from({ length: O * C * 9 }, () => random() * 2 - 1) };
      const bias = random() < 0.5 ? Array.from({ length: O }, () => random()) : null;
      const options = { stride: s, padding: p, dilation: d };
      // The reference sees exactly the float32 values, in float64.
      const expected = bruteForce(tensor([C, H, W], input32.data), tensor([O, C, 3, 3], weight32.data), bias, s, p, d).flat(2);
      const fresh = conv2d(input32, weight32, bias, options);
      const reused = conv2d(input32, weight32, bias, { ...options, out: new Float32Array(expected.length).fill(7) });
      for (const got of [fresh, reused]) {
        expect(got.data).toBeInstanceOf(Float32Array);
        got.data.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i]!))));
      }
      checked++;
    }
  });

  it('output dtype follows the input', () => {
    const input = { shape: [1, 3, 3], data: new Float32Array(9).fill(1) };
    const weight = { shape: [1, 1, 2, 2], data: new Float32Array(4).fill(0.1) };
    const out = conv2d(input, weight);
    expect(out.data).toBeInstanceOf(Float32Array);
    expect(out.data[0]).toBeCloseTo(0.4, 6);
    expect(conv2d(tensor([1, 3, 3], Array(9).fill(1)), tensor([1, 1, 2, 2], [1, 1, 1, 1])).data).toBeInstanceOf(Float64Array);
  });
});

describe('parameterCounts: the classic argument', () => {
  it('1000×1000 image, 10⁶ hidden units, 10×10 windows, 100 kernels', () => {
    expect(parameterCounts(1000, 1e6, 10, 100)).toEqual({ fullyConnected: 1e12, locallyConnected: 1e8, sharedWeights: 100, multiKernel: 1e4 });
  });
  it('rejects nonsense', () => {
    expect(() => parameterCounts(10, 5, 11, 1)).toThrow(/window \(11\) cannot be larger/);
    expect(() => parameterCounts(0, 5, 1, 1)).toThrow(RangeError);
    expect(() => parameterCounts(10, 2.5, 1, 1)).toThrow(/whole number/);
  });
});

describe('invalid arguments', () => {
  const input = tensor([1, 4, 4], Array(16).fill(1));
  const weight = tensor([1, 1, 3, 3], Array(9).fill(1));
  it.each([
    [() => conv2d(tensor([2, 4, 4], Array(32).fill(1)), weight), /expects 1 input channels, but the input has 2/],
    [() => conv2d({ shape: [1, 0, 4], data: new Float64Array(0) }, weight), /must not be empty/],
    [() => conv2d(tensor([1, 2, 2], [1, NaN, 1, 1]), tensor([1, 1, 1, 1], [1])), /must be finite/],
    [() => conv2d(input, weight, null, { stride: 0 }), /stride must be at least 1/],
    [() => conv2d(input, weight, null, { dilation: [1, 0] }), /dilation must be at least 1/],
    [() => conv2d(input, weight, null, { dilation: 3 }), /does not fit/],
    [() => conv2d(input, weight, [1, 2]), /bias needs 1 values/],
    [() => conv2d(tensor([1, 4], [1, 2, 3, 4]), weight), /must have 3 dimensions/],
    [() => im2col(input, 5), /does not fit/],
    [() => matmul(tensor([2, 3], Array(6).fill(1)), tensor([2, 3], Array(6).fill(1))), /inner sizes differ/],
  ])('%# throws a RangeError', (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
