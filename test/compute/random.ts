/** Helpers for property tests; the generator is the compute package's own seeded one. */
export { seededRandom } from '../../src/compute/random';

/** n values uniform in [lo, hi). */
export const uniformVector = (random: () => number, n: number, lo: number, hi: number): number[] =>
  Array.from({ length: n }, () => lo + (hi - lo) * random());

/** A random probability distribution over n outcomes (some entries exactly 0 when `sparse`). */
export function randomDistribution(random: () => number, n: number, sparse = false): number[] {
  const raw: number[] = Array.from({ length: n }, () => (sparse && random() < 0.3 ? 0 : random() + 1e-3));
  if (!raw.some((v) => v > 0)) raw[0] = 1; // a distribution needs some mass
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}
