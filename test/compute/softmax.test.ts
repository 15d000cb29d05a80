import { describe, expect, it } from 'vitest';
import {
  centralDifferenceGradient,
  centralDifferenceJacobian,
  logSoftmax,
  logSumExp,
  naiveSoftmax,
  softmax,
  softmaxCrossEntropy,
  softmaxJacobian,
} from '../../src/compute';
import { randomDistribution, seededRandom, uniformVector } from './random';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('softmax: hand-worked values', () => {
  it('two equal logits split evenly; a one-logit input is certain', () => {
    expect(softmax([3, 3])).toEqual([0.5, 0.5]);
    expect(softmax([-7])).toEqual([1]);
  });

  it('z = (2, 1, 0.1) gives (0.6590, 0.2424, 0.0986)', () => {
    // e² : e¹ : e^0.1 = 7.389056 : 2.718282 : 1.105171, total 11.212509.
    const total = 7.38905609893065 + 2.718281828459045 + 1.1051709180756477;
    const s = softmax([2, 1, 0.1]);
    expect(s[0]).toBeCloseTo(7.38905609893065 / total, 15);
    expect(s[1]).toBeCloseTo(2.718281828459045 / total, 15);
    expect(s[2]).toBeCloseTo(1.1051709180756477 / total, 15);
    expect(s.map((p) => p.toFixed(4))).toEqual(['0.6590', '0.2424', '0.0986']);
  });

  it('ln 2 apart means twice as likely', () => {
    const [a, b] = softmax([Math.log(2), 0]);
    expect(a! / b!).toBeCloseTo(2, 14);
    expect(a).toBeCloseTo(2 / 3, 15);
  });

  it('temperature divides the logits', () => {
    expect(softmax([2, 0], 2)).toEqual(softmax([1, 0]));
    const cold = softmax([1, 0.5, 0], 0.01);
    expect(cold[0]).toBe(1); // 1 − e⁻⁵⁰ rounds to 1 in float64
    expect(cold[1]).toBeCloseTo(Math.exp(-50), 35);
    const hot = softmax([1, 0.5, 0], 1e6);
    for (const p of hot) expect(p).toBeCloseTo(1 / 3, 6);
  });
});

describe('softmax: properties over random logits', () => {
  const random = seededRandom(20261126);
  const cases = Array.from({ length: 200 }, (_, i) => ({
    i,
    z: uniformVector(random, 2 + (i % 7), -20, 20),
    shift: uniformVector(random, 1, -500, 500)[0]!,
    t: Math.exp(uniformVector(random, 1, -2, 2)[0]!),
  }));

  it.each(cases.slice(0, 50))('case $i: sums to 1, positive, order-preserving', ({ z, t }) => {
    const s = softmax(z, t);
    expect(sum(s)).toBeCloseTo(1, 14);
    for (const p of s) expect(p).toBeGreaterThan(0);
    for (let i = 0; i < z.length; i++) {
      for (let j = 0; j < z.length; j++) if (z[i]! > z[j]!) expect(s[i]!).toBeGreaterThanOrEqual(s[j]!);
    }
  });

  it('is invariant to adding a constant to every logit', () => {
    for (const { z, shift, t } of cases) {
      const a = softmax(z, t);
      const b = softmax(z.map((v) => v + shift), t);
      a.forEach((p, i) => expect(Math.abs(p - b[i]!)).toBeLessThan(1e-12 + 1e-10 * p));
    }
  });

  it('agrees with the naive formula wherever the naive one does not overflow', () => {
    for (const { z, t } of cases) {
      const naive = naiveSoftmax(z, t).probabilities;
      softmax(z, t).forEach((p, i) => expect(p).toBeCloseTo(naive[i]!, 13));
    }
  });

  it('logSoftmax = log(softmax) where softmax is representable, and logSumExp matches its definition', () => {
    for (const { z, t } of cases) {
      const s = softmax(z, t);
      logSoftmax(z, t).forEach((l, i) => expect(l).toBeCloseTo(Math.log(s[i]!), 12));
      expect(logSumExp(z)).toBeCloseTo(Math.log(sum(z.map(Math.exp))), 12);
    }
  });

  it('the Jacobian equals central finite differences to 1e-6, is symmetric, and its rows sum to 0', () => {
    for (const { z, t } of cases) {
      const J = softmaxJacobian(z, t);
      const numeric = centralDifferenceJacobian((x) => softmax(x, t), z);
      J.forEach((row, i) => {
        row.forEach((value, j) => {
          expect(Math.abs(value - numeric[i]![j]!)).toBeLessThan(1e-6);
          expect(value).toBeCloseTo(J[j]![i]!, 15);
        });
        expect(Math.abs(sum(row))).toBeLessThan(1e-15 * z.length + 1e-16);
      });
    }
  });

  it('the Jacobian is singular: it maps the all-ones direction to 0', () => {
    for (const { z } of cases.slice(0, 20)) {
      const J = softmaxJacobian(z);
      for (const row of J) expect(Math.abs(sum(row))).toBeLessThan(1e-15);
    }
  });

  it('softmaxCrossEntropy: loss matches −Σ y log s, grad = softmax − target = finite differences', () => {
    for (const { i, z } of cases) {
      const target = randomDistribution(seededRandom(i), z.length, i % 2 === 0);
      const { loss, grad } = softmaxCrossEntropy(z, target);
      const s = softmax(z);
      expect(loss).toBeCloseTo(-sum(target.map((y, k) => (y > 0 ? y * Math.log(s[k]!) : 0))), 10);
      grad.forEach((g, k) => expect(g).toBeCloseTo(s[k]! - target[k]!, 15));
      const numeric = centralDifferenceGradient((x) => softmaxCrossEntropy(x, target).loss, z);
      grad.forEach((g, k) => expect(Math.abs(g - numeric[k]!)).toBeLessThan(1e-6));
    }
  });
});

describe('extreme logits', () => {
  it('[1000, −1000, 999] is exact in float64', () => {
    const s = softmax([1000, -1000, 999]);
    // exp(-1) / (1 + exp(-1)) for the third; the second underflows to exactly 0 (e^-2000).
    expect(s[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(s[2]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 15);
    expect(s[1]).toBe(0);
    const l = logSoftmax([1000, -1000, 999]);
    expect(l[1]).toBeCloseTo(-2000 - Math.log1p(Math.exp(-1)), 10);
    expect(l.every(Number.isFinite)).toBe(true);
  });

  it('[88, 89, 90, 710]: naive overflows to NaN, stable is exact', () => {
    const naive = naiveSoftmax([88, 89, 90, 710]);
    expect(naive.exps[3]).toBe(Infinity);
    expect(naive.sum).toBe(Infinity);
    expect(Number.isNaN(naive.probabilities[3])).toBe(true);
    const s = softmax([88, 89, 90, 710]);
    expect(s[3]).toBe(1);
    expect(s[0]).toBeCloseTo(Math.exp(88 - 710), 280);
    expect(s[0]).toBeGreaterThan(0);
    expect(sum(s)).toBe(1);
    const { loss, grad } = softmaxCrossEntropy([88, 89, 90, 710], [1, 0, 0, 0]);
    expect(loss).toBeCloseTo(622, 10); // −log s₀ ≈ 710 − 88
    expect(grad.every(Number.isFinite)).toBe(true);
  });

  it('huge logits with a tiny temperature stay finite', () => {
    const s = softmax([1e300, -1e300, 0], 1e-3);
    expect(s).toEqual([1, 0, 0]);
    const J = softmaxJacobian([1e300, -1e300, 0], 1e-3);
    expect(J.flat().every(Number.isFinite)).toBe(true);
  });
});

describe('invalid arguments', () => {
  it.each([
    [() => softmax([]), /logits must not be empty/],
    [() => softmax([1, NaN]), /entry 2 is NaN/],
    [() => softmax([1, Infinity]), /entry 2 is Infinity/],
    [() => softmax([1, 2], 0), /temperature must be a finite number greater than 0/],
    [() => softmax([1, 2], -1), /temperature/],
    [() => softmax([1, 2], Infinity), /temperature/],
    [() => logSoftmax([1], NaN), /temperature/],
    [() => softmaxJacobian([]), /empty/],
    [() => softmaxCrossEntropy([1, 2], [1, 0, 0]), /same length/],
    [() => softmaxCrossEntropy([1, 2], [0.5, 0.6]), /sum to 1/],
    [() => softmaxCrossEntropy([1, 2], [1.5, -0.5]), /negative/],
    [() => centralDifferenceJacobian((x) => x, [1], 0), /step h/],
  ])('%# throws a RangeError saying what is wrong', (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
