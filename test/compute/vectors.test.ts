import { describe, expect, it } from 'vitest';
import { gradientStep, normalize, oneHot } from '../../src/compute';

describe('normalize', () => {
  it('scales weights to a distribution', () => {
    expect(normalize([1, 1, 2])).toEqual([0.25, 0.25, 0.5]);
    expect(normalize([0, 5])).toEqual([0, 1]);
  });
  it('rejects negative, all-zero, empty and non-finite weights', () => {
    expect(() => normalize([1, -1])).toThrow(/negative/);
    expect(() => normalize([0, 0])).toThrow(/not all be 0/);
    expect(() => normalize([])).toThrow(RangeError);
    expect(() => normalize([1, NaN])).toThrow(RangeError);
  });
});

describe('gradientStep', () => {
  it('moves against the gradient by the learning rate', () => {
    expect(gradientStep([1, 2], [0.5, -1], 0.1)).toEqual([0.95, 2.1]);
    expect(gradientStep([1, 2], [0.5, -1], 0)).toEqual([1, 2]);
  });
  it('rejects bad learning rates and mismatched lengths', () => {
    expect(() => gradientStep([1], [1], -0.1)).toThrow(/learning rate/);
    expect(() => gradientStep([1], [1], Infinity)).toThrow(/learning rate/);
    expect(() => gradientStep([1, 2], [1], 0.1)).toThrow(/same length/);
  });
});

describe('oneHot', () => {
  it('puts a single 1 at the class', () => {
    expect(oneHot(3, 0)).toEqual([1, 0, 0]);
    expect(oneHot(4, 3)).toEqual([0, 0, 0, 1]);
  });
  it('rejects classes out of range', () => {
    expect(() => oneHot(3, 3)).toThrow(/between 1 and 3/);
    expect(() => oneHot(0, 0)).toThrow(RangeError);
  });
});
