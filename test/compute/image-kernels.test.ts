import { describe, expect, it } from 'vitest';
import { conv2d, grayscale, imageKernels, relu, toGrayLevels, type Tensor } from '../../src/compute';
import { seededRandom } from './random';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const asWeight = (k: { size: number; values: readonly number[] }): Tensor => ({ shape: [1, 1, k.size, k.size], data: Float64Array.from(k.values) });

describe('imageKernels', () => {
  it('have size² values', () => {
    for (const kernel of Object.values(imageKernels)) expect(kernel.values).toHaveLength(kernel.size ** 2);
  });
  it('blurs, identity and sharpen keep brightness (sum 1); edge detectors see nothing on a flat image (sum 0)', () => {
    for (const name of ['identity', 'box', 'gaussian', 'gaussian5', 'sharpen', 'emboss'] as const) expect(sum(imageKernels[name].values)).toBeCloseTo(1, 12);
    for (const name of ['sobelX', 'sobelY', 'laplacian'] as const) expect(sum(imageKernels[name].values)).toBe(0);
  });
  it('Sobel x responds to a left-to-right ramp, Sobel y does not', () => {
    const ramp: Tensor = { shape: [1, 3, 3], data: Float64Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]) };
    expect(conv2d(ramp, asWeight(imageKernels.sobelX)).data[0]).toBe(8); // (2−0)·(1 + 2 + 1)
    expect(conv2d(ramp, asWeight(imageKernels.sobelY)).data[0]).toBe(0);
  });
  it('the identity kernel returns the image (with padding 1)', () => {
    const random = seededRandom(5);
    const image: Tensor = { shape: [1, 6, 5], data: Float64Array.from({ length: 30 }, () => random()) };
    expect(Array.from(conv2d(image, asWeight(imageKernels.identity), null, { padding: 1 }).data)).toEqual(Array.from(image.data));
  });
});

describe('grayscale', () => {
  it('uses BT.601 weights and ignores alpha', () => {
    const g = grayscale([255, 0, 0, 0, 0, 255, 0, 255, 0, 0, 255, 7, 255, 255, 255, 255], 2, 2);
    expect(g.shape).toEqual([1, 2, 2]);
    expect(Array.from(g.data)).toEqual([0.299, 0.587, 0.114, 1].map((v) => Math.fround(v)));
  });
  it('rejects a wrong byte count', () => {
    expect(() => grayscale([1, 2, 3], 1, 1)).toThrow(/has 4 bytes, not 3/);
    expect(() => grayscale([], 0, 1)).toThrow(RangeError);
  });
});

describe('relu and toGrayLevels', () => {
  it('relu zeroes negatives and keeps the type', () => {
    const out = relu({ shape: [1, 1, 3], data: Float32Array.from([-1, 0, 2]) });
    expect(Array.from(out.data)).toEqual([0, 0, 2]);
    expect(out.data).toBeInstanceOf(Float32Array);
  });
  it('shows [0, 1] maps as is, signed maps around mid-grey, others scaled by their maximum', () => {
    expect(toGrayLevels([0, 0.5, 1])).toMatchObject({ levels: Uint8ClampedArray.from([0, 128, 255]), scale: 'unit' });
    expect(toGrayLevels([-2, 0, 1])).toMatchObject({ levels: Uint8ClampedArray.from([1, 128, 192]), scale: 'signed', min: -2, max: 1 });
    expect(toGrayLevels([0, 2, 4])).toMatchObject({ levels: Uint8ClampedArray.from([0, 128, 255]), scale: 'max' });
  });
  it('rejects non-finite values', () => {
    expect(() => toGrayLevels([0, NaN])).toThrow(/Value 1 of the feature map is NaN/);
  });
});

describe('buffer reuse (for widgets that recompute often)', () => {
  it('conv2d writes into `out` and gives the same numbers as without it, even when the buffer held old values', () => {
    const image: Tensor = { shape: [1, 4, 5], data: Float32Array.from({ length: 20 }, (_, i) => (i * 7) % 11) };
    const weight = asWeight(imageKernels.sobelX);
    const fresh = conv2d(image, weight, null, { padding: 1 });
    const out = new Float32Array(20).fill(99);
    const reused = conv2d(image, weight, null, { padding: 1, out });
    expect(reused.data).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(fresh.data));
    expect(() => conv2d(image, weight, null, { padding: 1, out: new Float32Array(19) })).toThrow(/Float32Array of length 20/);
    expect(() => conv2d(image, weight, null, { padding: 1, out: new Float64Array(20) })).toThrow(RangeError);
  });
  it('relu in place changes the tensor itself; toGrayLevels fills `out`', () => {
    const tensor: Tensor = { shape: [1, 1, 2], data: Float32Array.from([-1, 1]) };
    relu(tensor, true);
    expect(Array.from(tensor.data)).toEqual([0, 1]);
    const out = new Uint8ClampedArray(2);
    expect(toGrayLevels([0, 1], out).levels).toBe(out);
    expect(Array.from(out)).toEqual([0, 255]);
    expect(() => toGrayLevels([0, 1], new Uint8ClampedArray(3))).toThrow(RangeError);
  });
});
