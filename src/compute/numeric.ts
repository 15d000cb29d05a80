/**
 * Numerical derivatives, used to check analytic ones: in the tests, and on the page, where readers can watch the
 * analytic Jacobian and a finite-difference estimate agree.
 */
import { assertFiniteVector, assertPositive } from './checks.ts';

/**
 * Central-difference estimate of the Jacobian of f at x: entry [i][j] ≈ (f(x + h eⱼ)ᵢ − f(x − h eⱼ)ᵢ) / 2h.
 * Its error is O(h²) from truncation plus O(ε/h) from rounding, smallest near h ≈ 1e-5 in float64.
 */
export function centralDifferenceJacobian(
  f: (x: readonly number[]) => readonly number[],
  x: readonly number[],
  h = 1e-5,
): number[][] {
  assertFiniteVector(x, 'The point');
  assertPositive(h, 'The step h');
  const columns = x.map((_, j) => {
    const plus = [...x];
    const minus = [...x];
    plus[j] = x[j]! + h;
    minus[j] = x[j]! - h;
    const up = f(plus);
    const down = f(minus);
    return up.map((value, i) => (value - down[i]!) / (2 * h));
  });
  // Transpose: columns[j][i] → rows[i][j].
  return columns[0]!.map((_, i) => columns.map((column) => column[i]!));
}

/** Central-difference estimate of the gradient of a scalar function f at x. */
export function centralDifferenceGradient(f: (x: readonly number[]) => number, x: readonly number[], h = 1e-5): number[] {
  return centralDifferenceJacobian((point) => [f(point)], x, h)[0]!;
}
