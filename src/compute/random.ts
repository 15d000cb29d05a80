/** Seeded randomness, so every sampled message, data set and starting point on the site is reproducible. */
import { assertDistribution, assertWholeNumber } from './checks.ts';

/** A seeded generator of uniform numbers in [0, 1) (mulberry32: tiny, fast, and good enough for teaching). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller) from a uniform generator such as seededRandom's. */
export function gaussianSample(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Draws `count` outcomes (indices) from distribution p with a seeded generator, by inverting the cumulative sum. */
export function sampleCategorical(p: readonly number[], count: number, seed: number): number[] {
  assertDistribution(p, 'p');
  assertWholeNumber(count, 'The sample size', 0, 1_000_000);
  const random = seededRandom(seed);
  const cumulative: number[] = [];
  p.reduce((total, pi, i) => (cumulative[i] = total + pi), 0);
  // Never pick an outcome of probability 0, even where rounding leaves the last cumulative value below u.
  const lastPossible = p.findLastIndex((pi) => pi > 0);
  return Array.from({ length: count }, () => {
    const u = random();
    const i = cumulative.findIndex((c, k) => u < c && p[k]! > 0);
    return i === -1 ? lastPossible : i;
  });
}
