import { describe, expect, it } from 'vitest';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, poolOutputSize, type PoolOptions, type Tensor } from '../../src/compute';
import { maxPoolInto, poolGeometry } from '../../src/compute/pooling';
import { seededRandom } from './random';
import { dot, expectGradientsClose, numericGradient } from './gradcheck';

const t = (shape: number[], values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });
const random = seededRandom(7);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** PyTorch's documented pooling, written out the long way: every window, every position, padding by hand. */
function reference(input: Tensor, o: PoolOptions, kind: 'max' | 'avg'): number[] {
  const [C, H, W] = input.shape as [number, number, number];
  const [kh, kw] = typeof o.kernel === 'number' ? [o.kernel, o.kernel] : o.kernel;
  const [sh, sw] = o.stride === undefined ? [kh, kw] : typeof o.stride === 'number' ? [o.stride, o.stride] : o.stride;
  const [ph, pw] = o.padding === undefined ? [0, 0] : typeof o.padding === 'number' ? [o.padding, o.padding] : o.padding;
  const outH = poolOutputSize(H, kh, sh, ph, 1, o.ceilMode);
  const outW = poolOutputSize(W, kw, sw, pw, 1, o.ceilMode);
  const out: number[] = [];
  for (let c = 0; c < C; c++)
    for (let y = 0; y < outH; y++)
      for (let x = 0; x < outW; x++) {
        const values: number[] = [];
        let padded = 0; // window cells in the zero padding (not beyond it)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const [iy, ix] = [y * sh - ph + i, x * sw - pw + j];
            if (iy >= 0 && iy < H && ix >= 0 && ix < W) values.push(input.data[(c * H + iy) * W + ix]!);
            else if (iy < H + ph && ix < W + pw) padded++;
          }
        out.push(kind === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / (values.length + padded));
      }
  return out;
}

function randomCase(): { input: Tensor; options: PoolOptions } {
  const [kh, kw] = [int(1, 4), int(1, 4)];
  const options: PoolOptions = { kernel: [kh, kw], padding: [int(0, Math.floor(kh / 2)), int(0, Math.floor(kw / 2))], ceilMode: random() < 0.5 };
  if (random() < 0.6) options.stride = [int(1, 3), int(1, 3)];
  const shape = [int(1, 3), int(kh, 9), int(kw, 9)];
  return { input: { shape, data: Float64Array.from({ length: shape[0]! * shape[1]! * shape[2]! }, () => 2 * random() - 1) }, options };
}

describe('max and average pooling, forward', () => {
  it('hand examples: 2×2 windows of a 4×4 map', () => {
    const input = t([1, 4, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(Array.from(maxPool2d(input, { kernel: 2 }).data)).toEqual([6, 8, 14, 16]);
    expect(Array.from(avgPool2d(input, { kernel: 2 }).data)).toEqual([3.5, 5.5, 11.5, 13.5]);
  });

  it("average pooling counts the padding in the mean, but not a ceil_mode window's overhang (PyTorch's divisor)", () => {
    const input = t([1, 3, 3], [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // kernel 2, stride 2, padding 1: windows over rows −1…0 and 1…2; the corner window holds one real 1 and
    // three padding zeros, so its mean is ¼.
    expect(Array.from(avgPool2d(input, { kernel: 2, stride: 2, padding: 1 }).data)).toEqual([0.25, 0.5, 0.5, 1]);
    // ceil_mode without padding: the last window hangs past the input and is divided by its real size only.
    expect(Array.from(avgPool2d(input, { kernel: 2, stride: 2, ceilMode: true }).data)).toEqual([1, 1, 1, 1]);
  });

  it('max pooling ignores padding (−∞) and takes the first of equal maxima', () => {
    const input = t([1, 2, 2], [-5, -5, -5, -5]);
    expect(Array.from(maxPool2d(input, { kernel: 2, stride: 1, padding: 1 }).data)).toEqual(Array(9).fill(-5));
    const grad = maxPool2dBackward(input, t([1, 1, 1], [1]), { kernel: 2 });
    expect(Array.from(grad.data)).toEqual([1, 0, 0, 0]);
  });

  it('equal the long-way reference on 300 random poolings (stride, padding, ceil_mode per axis)', () => {
    for (let trial = 0; trial < 300; trial++) {
      const { input, options } = randomCase();
      expect(Array.from(maxPool2d(input, options).data), JSON.stringify(options)).toEqual(reference(input, options, 'max'));
      const avg = Array.from(avgPool2d(input, options).data);
      reference(input, options, 'avg').forEach((v, i) => expect(avg[i]).toBeCloseTo(v, 12));
    }
  });

  it('plain 2×2 windows (their own loop) pick the same maxima and winners as the general rule, ties, −0, ±∞ and NaN included', () => {
    const values = [-Infinity, -1, -0, 0, 1, 2, Infinity, NaN];
    for (let trial = 0; trial < 300; trial++) {
      const [channels, height, width] = [int(1, 3), int(2, 9), int(2, 9)];
      const x = Float64Array.from({ length: channels * height * width }, () => values[int(0, values.length - 1)]!);
      const g = poolGeometry([channels, height, width], { kernel: 2 });
      const out = new Float64Array(channels * g.outHeight * g.outWidth);
      const argmax = new Int32Array(out.length);
      maxPoolInto(x, out, argmax, g);
      for (let c = 0, o = 0; c < channels; c++) {
        for (let y = 0; y < g.outHeight; y++) {
          for (let xo = 0; xo < g.outWidth; xo++, o++) {
            // The general rule: in reading order, a value replaces the best so far only if strictly greater.
            let [best, won] = [-Infinity, 2 * y * width + 2 * xo];
            for (const at of [0, 1, width, width + 1].map((d) => 2 * y * width + 2 * xo + d)) if (x[c * height * width + at]! > best) [best, won] = [x[c * height * width + at]!, at];
            expect(Object.is(out[o], best), `trial ${trial}, output ${o}: ${out[o]} against ${best}`).toBe(true);
            expect(argmax[o]).toBe(won);
          }
        }
      }
    }
  });

  it('refuses padding beyond half the kernel and windows that do not fit', () => {
    const input = t([1, 4, 4], Array(16).fill(0));
    expect(() => maxPool2d(input, { kernel: 2, padding: 2 })).toThrow(/at most half its kernel/);
    expect(() => avgPool2d(input, { kernel: 5 })).toThrow(/does not fit the 4×4 input/);
    expect(() => maxPool2d(input, { kernel: 0 })).toThrow(RangeError);
  });
});

describe('max and average pooling, backward', () => {
  it('agree with central differences on 300 random poolings', () => {
    for (let trial = 0; trial < 300; trial++) {
      const { input, options } = randomCase();
      for (const [forward, backward] of [[maxPool2d, maxPool2dBackward], [avgPool2d, avgPool2dBackward]] as const) {
        const out = forward(input, options);
        const gradOut = Float64Array.from(out.data, () => 2 * random() - 1);
        const loss = () => dot(gradOut, forward(input, options).data);
        const analytic = backward(input, { shape: out.shape, data: gradOut }, options);
        expectGradientsClose(analytic.data, numericGradient(input.data as Float64Array, loss), `${forward.name} ${JSON.stringify(options)}`);
      }
    }
  });

  it('overlapping max windows send each gradient to the winner, and a winner of two windows gets both', () => {
    const input = t([1, 1, 3], [0, 9, 0]);
    const grad = maxPool2dBackward(input, t([1, 1, 2], [1, 10]), { kernel: [1, 2], stride: 1 });
    expect(Array.from(grad.data)).toEqual([0, 11, 0]);
  });
});
