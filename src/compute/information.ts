/**
 * Entropy, cross-entropy, KL divergence and surprisal, in any base (2 → bits by default, Math.E → nats).
 * Conventions follow the limits: 0 · log 0 = 0, and a code built for q = 0 where p > 0 costs Infinity.
 */
import { assertDistribution, assertSameLength } from './checks.ts';

/** Throws unless `base` can be a logarithm base: finite, > 0 and ≠ 1. */
function logBase(base: number): number {
  if (typeof base !== 'number' || !Number.isFinite(base) || base <= 0 || base === 1) {
    throw new RangeError(`The logarithm base must be a finite number greater than 0 and not 1, but is ${String(base)}.`);
  }
  return Math.log(base);
}

/** Checks a pair of distributions of the same length. */
function assertPair(p: readonly number[], q: readonly number[]): void {
  assertDistribution(p, 'p');
  assertDistribution(q, 'q');
  assertSameLength(p, q, 'p', 'q');
}

/** Surprisal (self-information) −log_b(probability) of an outcome: 0 for a certain one, ∞ for an impossible one. */
export function surprisal(probability: number, base = 2): number {
  const lnBase = logBase(base);
  if (typeof probability !== 'number' || Number.isNaN(probability) || probability < 0 || probability > 1) {
    throw new RangeError(`A probability must be between 0 and 1, but is ${String(probability)}.`);
  }
  // −log 1 would be −0; the reader should see 0.
  return probability === 1 ? 0 : -Math.log(probability) / lnBase;
}

/** Entropy H(p) = −Σ pᵢ log_b pᵢ, the average surprisal; outcomes with pᵢ = 0 contribute 0. */
export function entropy(p: readonly number[], base = 2): number {
  const lnBase = logBase(base);
  assertDistribution(p, 'p');
  let sum = 0;
  for (const pi of p) if (pi > 0) sum -= pi * Math.log(pi);
  return Math.max(0, sum / lnBase); // rounding can leave −1e-17 for a certain outcome
}

/**
 * Cross-entropy H(p, q) = −Σ pᵢ log_b qᵢ: the average code length when data from p is coded with a code built for
 * q. Terms with pᵢ = 0 contribute 0; a qᵢ = 0 where pᵢ > 0 makes it Infinity.
 */
export function crossEntropy(p: readonly number[], q: readonly number[], base = 2): number {
  const lnBase = logBase(base);
  assertPair(p, q);
  return sumOverSupport(p, q, (pi, qi) => -pi * Math.log(qi)) / lnBase;
}

/**
 * Kullback–Leibler divergence D(p‖q) = Σ pᵢ log_b(pᵢ / qᵢ) = H(p, q) − H(p): the extra code length paid for using q's
 * code on p's data. Computed term by term (not as a difference), so it is ≥ 0 and exactly 0 when p = q.
 */
export function klDivergence(p: readonly number[], q: readonly number[], base = 2): number {
  const lnBase = logBase(base);
  assertPair(p, q);
  return Math.max(0, sumOverSupport(p, q, (pi, qi) => pi * Math.log(pi / qi)) / lnBase); // Gibbs: D ≥ 0; rounding can leave −1e-17
}

/**
 * Σ term(pᵢ, qᵢ) over the outcomes p can produce (pᵢ > 0; the others contribute 0), or Infinity as soon as q gives
 * one of them probability 0: a code built for q has no codeword for it.
 */
function sumOverSupport(p: readonly number[], q: readonly number[], term: (pi: number, qi: number) => number): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const [pi, qi] = [p[i]!, q[i]!];
    if (pi === 0) continue;
    if (qi === 0) return Infinity;
    sum += term(pi, qi);
  }
  return sum;
}
