import { describe, expect, it } from 'vitest';
import { crossEntropy, entropy, klDivergence, surprisal } from '../../src/compute';
import { randomDistribution, seededRandom } from './random';

describe('hand-worked values', () => {
  it('p = (½, ¼, ⅛, ⅛) has H = 1.75 bits', () => {
    expect(entropy([0.5, 0.25, 0.125, 0.125])).toBe(1.75);
  });

  it("the seed's five-symbol source: certain → 0, uniform → log₂ 5", () => {
    expect(entropy([1, 0, 0, 0, 0])).toBe(0);
    expect(entropy([0.2, 0.2, 0.2, 0.2, 0.2])).toBeCloseTo(Math.log2(5), 14);
  });

  it('a fair coin is 1 bit = ln 2 nats; base 10 gives hartleys', () => {
    expect(entropy([0.5, 0.5])).toBe(1);
    expect(entropy([0.5, 0.5], Math.E)).toBeCloseTo(Math.LN2, 15);
    expect(entropy([0.5, 0.5], 10)).toBeCloseTo(Math.log10(2), 15);
  });

  it("the seed's dog / cat / cup example: H(p, q) = −log q(dog)", () => {
    const truth = [1, 0, 0];
    const prediction = [0.5, 0.3, 0.2];
    expect(crossEntropy(truth, prediction)).toBe(1); // −log₂ 0.5
    expect(crossEntropy(truth, prediction, Math.E)).toBeCloseTo(Math.LN2, 15);
    expect(klDivergence(truth, prediction)).toBe(1); // H(p) = 0, so D = H(p, q)
  });

  it('surprisal: certain → 0, a coin flip → 1 bit, impossible → ∞', () => {
    expect(surprisal(1)).toBe(0);
    expect(surprisal(0.5)).toBe(1);
    expect(surprisal(0.125)).toBe(3);
    expect(surprisal(0)).toBe(Infinity);
    expect(surprisal(0.5, Math.E)).toBeCloseTo(Math.LN2, 15);
  });

  it('a code built for q = 0 where p > 0 costs Infinity (not an error); where p = 0 it costs nothing', () => {
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(crossEntropy([1, 0], [0.5, 0.5])).toBe(1);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBe(1);
  });

  it('KL is asymmetric', () => {
    const p = [0.9, 0.1];
    const q = [0.5, 0.5];
    // D(p‖q) = 0.9 log₂ 1.8 + 0.1 log₂ 0.2; D(q‖p) = 0.5 log₂(0.5/0.9) + 0.5 log₂(0.5/0.1).
    expect(klDivergence(p, q)).toBeCloseTo(0.9 * Math.log2(1.8) + 0.1 * Math.log2(0.2), 14);
    expect(klDivergence(q, p)).toBeCloseTo(0.5 * Math.log2(0.5 / 0.9) + 0.5 * Math.log2(5), 14);
    expect(klDivergence(p, q)).not.toBeCloseTo(klDivergence(q, p), 2);
  });
});

describe('identities over random distributions', () => {
  const random = seededRandom(7);
  const cases = Array.from({ length: 300 }, (_, i) => {
    const k = 2 + (i % 9);
    return { i, k, p: randomDistribution(random, k, i % 3 === 0), q: randomDistribution(random, k) };
  });

  it('D(p‖q) = H(p, q) − H(p), D ≥ 0, H(p, q) ≥ H(p), 0 ≤ H ≤ log k', () => {
    for (const { k, p, q } of cases) {
      const [h, ce, d] = [entropy(p), crossEntropy(p, q), klDivergence(p, q)];
      expect(d).toBeCloseTo(ce - h, 12);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(ce).toBeGreaterThanOrEqual(h - 1e-12);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(Math.log2(k) + 1e-12);
    }
  });

  it('D(p‖p) = 0 and H(p, p) = H(p); D > 0 when p ≠ q', () => {
    for (const { p, q } of cases) {
      expect(klDivergence(p, p)).toBe(0);
      expect(crossEntropy(p, p)).toBeCloseTo(entropy(p), 13);
      if (p.some((pi, i) => Math.abs(pi - q[i]!) > 1e-6)) expect(klDivergence(p, q)).toBeGreaterThan(0);
    }
  });

  it('changing base rescales by a constant: bits = nats / ln 2', () => {
    for (const { p, q } of cases.slice(0, 50)) {
      expect(entropy(p, Math.E) / Math.LN2).toBeCloseTo(entropy(p), 12);
      expect(crossEntropy(p, q, Math.E) / Math.LN2).toBeCloseTo(crossEntropy(p, q), 12);
      expect(klDivergence(p, q, Math.E) / Math.LN2).toBeCloseTo(klDivergence(p, q), 12);
    }
  });

  it('entropy is the average surprisal', () => {
    for (const { p } of cases.slice(0, 50)) {
      const average = p.reduce((sum, pi) => sum + (pi > 0 ? pi * surprisal(pi) : 0), 0);
      expect(entropy(p)).toBeCloseTo(average, 12);
    }
  });

  it('the uniform distribution has the largest entropy, log k', () => {
    for (let k = 1; k <= 10; k++) {
      const uniform = new Array(k).fill(1 / k);
      expect(entropy(uniform)).toBeCloseTo(Math.log2(k), 13);
      for (const { p } of cases.filter((c) => c.k === k)) expect(entropy(p)).toBeLessThanOrEqual(entropy(uniform) + 1e-12);
    }
  });
});

describe('invalid arguments', () => {
  it.each([
    [() => entropy([]), /p must not be empty/],
    [() => entropy([0.5, 0.6]), /p must sum to 1/],
    [() => entropy([1.5, -0.5]), /p must not have negative entries/],
    [() => entropy([NaN, 1]), /entry 1 is NaN/],
    [() => entropy([0.5, 0.5], 1), /base/],
    [() => entropy([0.5, 0.5], 0), /base/],
    [() => entropy([0.5, 0.5], -2), /base/],
    [() => entropy([0.5, 0.5], Infinity), /base/],
    [() => crossEntropy([1, 0], [1, 0, 0]), /same length/],
    [() => crossEntropy([1, 0], [0.7, 0.7]), /q must sum to 1/],
    [() => klDivergence([1], [Infinity]), /entry 1 is Infinity/],
    [() => surprisal(1.2), /between 0 and 1/],
    [() => surprisal(-0.1), /between 0 and 1/],
    [() => surprisal(NaN), /between 0 and 1/],
  ])('%# throws a RangeError that says which', (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('accepts sums within 1e-9 of 1 and rejects beyond', () => {
    expect(() => entropy([0.5, 0.5 + 5e-10])).not.toThrow();
    expect(() => entropy([0.5, 0.5 + 5e-9])).toThrow(/sum to 1/);
  });
});
