/** Central differences for whole arrays, to check every backward pass of the compute package. */
import { expect } from 'vitest';

/**
 * ∂f/∂values[k] for every k by central differences: (f(v + h·e_k) − f(v − h·e_k)) / 2h. `values` is changed in
 * place and restored. Truncation error O(h²), rounding O(ε/h): h = 1e-6 gives ~1e-9 for the smooth sums here.
 */
export function numericGradient(values: Float64Array, f: () => number, h = 1e-6): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const keep = values[k]!;
    values[k] = keep + h;
    const up = f();
    values[k] = keep - h;
    const down = f();
    values[k] = keep;
    out[k] = (up - down) / (2 * h);
  }
  return out;
}

/** Asserts two gradients agree to a relative tolerance (against the larger of 1 and each entry's size). */
export function expectGradientsClose(analytic: ArrayLike<number>, numeric: ArrayLike<number>, what: string, tolerance = 1e-6): void {
  expect(analytic.length, what).toBe(numeric.length);
  let worst = 0;
  let at = -1;
  for (let k = 0; k < analytic.length; k++) {
    const error = Math.abs(analytic[k]! - numeric[k]!) / Math.max(1, Math.abs(analytic[k]!));
    if (error > worst) [worst, at] = [error, k];
  }
  expect(worst, `${what}: entry ${at}, analytic ${analytic[at]} vs numeric ${numeric[at]}`).toBeLessThan(tolerance);
}

/** Σ g·y: a scalar loss whose gradient with respect to y is g, to push a chosen output gradient through a layer. */
export const dot = (g: ArrayLike<number>, y: ArrayLike<number>): number => {
  let sum = 0;
  for (let k = 0; k < g.length; k++) sum += g[k]! * y[k]!;
  return sum;
};
