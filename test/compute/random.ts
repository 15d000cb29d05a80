/** A small seeded generator (mulberry32), so property tests are reproducible: a failure names its seed. */
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

/** n values uniform in [lo, hi). */
export const uniformVector = (random: () => number, n: number, lo: number, hi: number): number[] =>
  Array.from({ length: n }, () => lo + (hi - lo) * random());

/** A random probability distribution over n outcomes (some entries may be exactly 0 when `sparse`). */
export function randomDistribution(random: () => number, n: number, sparse = false): number[] {
  const raw: number[] = Array.from({ length: n }, () => (sparse && random() < 0.3 ? 0 : random() + 1e-3));
  if (!raw.some((v) => v > 0)) raw[0] = 1; // a distribution needs some mass
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}
