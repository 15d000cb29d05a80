/**
 * Momentum on a quadratic, exactly: f(x) = ½ Σ λᵢ xᵢ² decouples into one-dimensional problems along the eigenvectors
 * of its Hessian, and on each the error after k steps is a fixed linear recurrence. Gradient descent multiplies the
 * error along curvature λ by (1 − ηλ) per step; heavy-ball momentum (torch.optim.SGD with momentum μ) iterates
 * [[1 + μ − ηλ, −μ], [1, 0]], whose spectral radius is the rate. (Polyak 1964; Goh, "Why Momentum Really Works", 2017.)
 */
import { assertInRange, assertLearningRate } from './checks.ts';
import { createOptimizer } from './optimizers.ts';

/** Per-step shrink factor of the error along one curvature: the spectral radius of that direction's recurrence. */
export function directionRate(curvature: number, lr: number, momentum: number): number {
  if (!(curvature > 0) || !Number.isFinite(curvature)) throw new RangeError(`A curvature must be a finite number > 0, but is ${curvature}.`);
  assertLearningRate(lr);
  assertInRange(momentum, 'The momentum', 0, 0.9999);
  // Eigenvalues of [[a, −μ], [1, 0]] solve σ² − aσ + μ = 0 with a = 1 + μ − ηλ.
  const a = 1 + momentum - lr * curvature;
  const discriminant = a * a - 4 * momentum;
  if (discriminant < 0) return Math.sqrt(momentum); // complex pair: |σ|² = μ, the error spirals in
  const root = Math.sqrt(discriminant);
  return Math.max(Math.abs((a + root) / 2), Math.abs((a - root) / 2));
}

/** The rate along every curvature, and the overall rate (the slowest direction decides). */
export function quadraticRates(curvatures: readonly number[], lr: number, momentum: number): { perDirection: number[]; rate: number } {
  if (curvatures.length === 0) throw new RangeError('There must be at least one curvature.');
  const perDirection = curvatures.map((c) => directionRate(c, lr, momentum));
  return { perDirection, rate: Math.max(...perDirection) };
}

/**
 * The best settings for curvatures between `smallest` and `largest` (condition number κ = largest / smallest):
 * gradient descent with η = 2/(λmin + λmax), rate (κ − 1)/(κ + 1); momentum with η = 4/(√λmax + √λmin)² and
 * μ = ((√κ − 1)/(√κ + 1))², rate (√κ − 1)/(√κ + 1).
 */
export function optimalSettings(smallest: number, largest: number) {
  if (!(smallest > 0 && largest >= smallest && Number.isFinite(largest))) throw new RangeError(`The curvatures must satisfy 0 < smallest ≤ largest, not ${smallest} and ${largest}.`);
  const kappa = largest / smallest;
  const root = Math.sqrt(kappa);
  return {
    kappa,
    gradientDescent: { lr: 2 / (smallest + largest), momentum: 0, rate: (kappa - 1) / (kappa + 1) },
    momentum: { lr: 4 / (Math.sqrt(largest) + Math.sqrt(smallest)) ** 2, momentum: ((root - 1) / (root + 1)) ** 2, rate: (root - 1) / (root + 1) },
  };
}

/** Steps for the error to shrink by `factor` (e.g. 1e-3) at a per-step rate; Infinity if it never does. */
export function stepsToShrink(rate: number, factor = 1e-3): number {
  if (!(factor > 0 && factor < 1)) throw new RangeError(`The factor must be between 0 and 1, not ${factor}.`);
  if (rate >= 1) return Infinity;
  if (rate === 0) return 1;
  return Math.ceil(Math.log(factor) / Math.log(rate));
}

/**
 * Runs torch.optim.SGD (createOptimizer, with its order of operations) on f(x) = ½ Σ λᵢ xᵢ² from `start` and
 * returns |xᵢ| after every step, one array per step (the start first): the decay the rates predict.
 */
export function simulateQuadratic(curvatures: readonly number[], start: readonly number[], lr: number, momentum: number, steps: number): number[][] {
  if (start.length !== curvatures.length) throw new RangeError(`The start needs one value per curvature (${curvatures.length}), not ${start.length}.`);
  const optimizer = createOptimizer({ type: 'sgd', lr, momentum });
  let x = [...start];
  const path = [x.map(Math.abs)];
  for (let k = 0; k < steps; k++) {
    x = optimizer.step(x, x.map((xi, i) => curvatures[i]! * xi));
    path.push(x.map(Math.abs));
  }
  return path;
}
