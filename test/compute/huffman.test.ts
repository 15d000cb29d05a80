import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, entropy, huffmanCode, sampleCategorical } from '../../src/compute';
import { randomDistribution, seededRandom } from './random';

/** Is no codeword a prefix of another? */
const isPrefixFree = (codes: readonly string[]) =>
  codes.every((a, i) => codes.every((b, j) => i === j || !b.startsWith(a)));

/**
 * The shortest possible average length of a binary prefix code for p, by brute force: by Kraft's inequality a prefix
 * code with lengths l exists exactly when Σ 2^(−lᵢ) ≤ 1, so search all length vectors with lᵢ ≤ k − 1.
 */
function bruteForceOptimalLength(probabilities: readonly number[]): number {
  const p = probabilities.filter((pi) => pi > 0); // outcomes that never occur need no codeword
  const k = p.length;
  if (k === 1) return 0;
  let best = Infinity;
  const lengths = new Array<number>(k).fill(1);
  const visit = (i: number, kraft: number, cost: number): void => {
    if (kraft > 1 + 1e-12 || cost >= best) return;
    if (i === k) {
      best = cost;
      return;
    }
    for (let l = 1; l <= k - 1; l++) {
      lengths[i] = l;
      visit(i + 1, kraft + 2 ** -l, cost + p[i]! * l);
    }
  };
  visit(0, 0, 0);
  return best;
}

describe('huffmanCode', () => {
  it('p = (½, ¼, ⅛, ⅛): codes of length 1, 2, 3, 3 and L = H = 1.75', () => {
    const { codes, averageLength } = huffmanCode([0.5, 0.25, 0.125, 0.125]);
    expect(codes.map((c) => c.length)).toEqual([1, 2, 3, 3]);
    expect(isPrefixFree(codes)).toBe(true);
    expect(averageLength).toBe(1.75);
  });

  it('a single possible outcome needs no bits; two outcomes need one each', () => {
    expect(huffmanCode([1])).toEqual({ codes: [''], averageLength: 0 });
    expect(huffmanCode([0, 1, 0])).toEqual({ codes: ['', '', ''], averageLength: 0 });
    expect(huffmanCode([0.5, 0, 0.5]).codes).toEqual(['0', '', '1']);
    expect(huffmanCode([0.9, 0.1]).codes.map((c) => c.length)).toEqual([1, 1]);
  });

  it('is optimal (equals the brute-force best prefix code) and within [H, H + 1) for small k', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 150; trial++) {
      const k = 2 + (trial % 5); // 2..6 outcomes
      const p = randomDistribution(random, k, trial % 4 === 0);
      const { codes, averageLength } = huffmanCode(p);
      const used = codes.filter((_, i) => p[i]! > 0);
      expect(isPrefixFree(used)).toBe(true);
      codes.forEach((code, i) => {
        if (p[i] === 0) expect(code).toBe('');
      });
      expect(averageLength).toBeCloseTo(bruteForceOptimalLength(p), 12);
      expect(averageLength).toBeGreaterThanOrEqual(entropy(p) - 1e-12);
      expect(averageLength).toBeLessThan(entropy(p) + 1);
    }
  });

  it('is deterministic for ties', () => {
    expect(huffmanCode([0.25, 0.25, 0.25, 0.25]).codes).toEqual(huffmanCode([0.25, 0.25, 0.25, 0.25]).codes);
    expect(huffmanCode([0.25, 0.25, 0.25, 0.25]).codes.every((c) => c.length === 2)).toBe(true);
  });

  it('rejects what is not a distribution', () => {
    expect(() => huffmanCode([])).toThrow(RangeError);
    expect(() => huffmanCode([0.5, 0.4])).toThrow(/sum to 1/);
  });
});

describe('encoding a sampled message', () => {
  it('round-trips, and its length per symbol approaches L for long messages', () => {
    const p = [0.5, 0.2, 0.15, 0.1, 0.05];
    const { codes, averageLength } = huffmanCode(p);
    const message = sampleCategorical(p, 20_000, 42);
    const bits = encodeMessage(message, codes);
    expect(decodeMessage(bits, codes)).toEqual(message);
    expect(bits.length / message.length).toBeCloseTo(averageLength, 1);
  });

  it('sampling is seeded, follows p, and never draws an impossible outcome', () => {
    expect(sampleCategorical([0.5, 0.5], 10, 1)).toEqual(sampleCategorical([0.5, 0.5], 10, 1));
    const draws = sampleCategorical([0.7, 0, 0.3], 10_000, 3);
    expect(draws.includes(1)).toBe(false);
    expect(draws.filter((d) => d === 0).length / draws.length).toBeCloseTo(0.7, 1);
  });

  it('decoding bits that stop mid-codeword is a RangeError', () => {
    expect(() => decodeMessage('1', ['0', '10', '11'])).toThrow(/middle of a codeword/);
    expect(() => encodeMessage([5], ['0', '1'])).toThrow(/no codeword/);
  });
});
