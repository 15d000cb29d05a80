/**
 * Gradient descent made visible: one-dimensional curves with their derivatives, plain descent on them, the
 * quadratic's stability rule, optimiser runs on the 2-D surfaces, and the grids and levels their contour plots need.
 */
import { createOptimizer, type OptimizerConfig } from './optimizers.ts';
import { assertLearningRate, assertWholeNumber } from './checks.ts';
import type { Surface } from './surfaces.ts';

/** A function of one variable with its derivative and a plotting window. */
export interface Curve {
  title: string;
  value(x: number): number;
  derivative(x: number): number;
  secondDerivative(x: number): number;
  /** Where the local minima are (to float64 precision for the quadratic, to 8 digits otherwise). */
  minima: number[];
  domain: [number, number];
}

/** The chapter's two curves: a quadratic, where the step-size rule is exact, and a curve with two minima. */
export const curves: Record<'parabola' | 'doubleWell', Curve> = {
  parabola: { title: 'Parabola: f(x) = x²', value: (x) => x * x, derivative: (x) => 2 * x, secondDerivative: () => 2, minima: [0], domain: [-3, 3] },
  doubleWell: {
    // A global minimum near x = −1.505 and a shallower local one near x = 1.301, with a hump near x = 0.204 between.
    title: 'Two valleys: f(x) = x⁴/4 − x² + 0.4x',
    value: (x) => x ** 4 / 4 - x * x + 0.4 * x,
    derivative: (x) => x ** 3 - 2 * x + 0.4,
    secondDerivative: (x) => 3 * x * x - 2,
    minima: [-1.50523714, 1.30097599],
    domain: [-2.5, 2.5],
  },
};

/** Beyond this magnitude a run is called diverged and stopped (the next steps would overflow to Infinity). */
export const DIVERGED = 1e6;

/** Plain gradient descent x ← x − η f′(x): the iterates x₀ … x_n, stopping early once |x| exceeds DIVERGED. */
export function descend1d(curve: Curve, x0: number, lr: number, steps: number): number[] {
  if (!Number.isFinite(x0)) throw new RangeError(`The start must be a finite number, but is ${x0}.`);
  assertLearningRate(lr);
  assertWholeNumber(steps, 'The number of steps', 0, 10_000);
  const xs = [x0];
  for (let k = 0; k < steps && Math.abs(xs[k]!) <= DIVERGED; k++) xs.push(xs[k]! - lr * curve.derivative(xs[k]!));
  return xs;
}

/** What plain gradient descent does on a quadratic of curvature λ with step η: x_{k+1} = (1 − ηλ) x_k. */
export function quadraticRegime(lr: number, curvature: number): { factor: number; regime: 'still' | 'creeps' | 'one step' | 'zigzags in' | 'bounces forever' | 'diverges' } {
  assertLearningRate(lr);
  if (!Number.isFinite(curvature) || curvature <= 0) throw new RangeError(`The curvature must be a finite number > 0, but is ${curvature}.`);
  const factor = 1 - lr * curvature;
  // Compare ηλ with 1 and 2 directly (not the rounded factor), so η = 2/λ lands exactly on "bounces forever".
  const h = lr * curvature;
  const regime = h === 0 ? 'still' : h < 1 ? 'creeps' : h === 1 ? 'one step' : h < 2 ? 'zigzags in' : h === 2 ? 'bounces forever' : 'diverges';
  return { factor, regime };
}

/** A run of an optimiser on a surface: the points visited and the loss at each, stopping early if it diverges. */
export function runOptimizer(surface: Surface, config: OptimizerConfig, start: readonly [number, number], steps: number): { path: [number, number][]; losses: number[]; diverged: boolean } {
  if (!start.every(Number.isFinite)) throw new RangeError('The start point must be two finite numbers.');
  assertWholeNumber(steps, 'The number of steps', 0, 10_000);
  const optimizer = createOptimizer(config);
  const path: [number, number][] = [[start[0], start[1]]];
  const losses = [surface.value(start[0], start[1])];
  let diverged = false;
  for (let k = 0; k < steps; k++) {
    const [x, y] = path[k]!;
    const next = optimizer.step([x, y], surface.gradient(x, y));
    if (!next.every((v) => Number.isFinite(v) && Math.abs(v) <= DIVERGED)) {
      diverged = true;
      break;
    }
    path.push([next[0]!, next[1]!]);
    losses.push(surface.value(next[0]!, next[1]!));
  }
  return { path, losses, diverged };
}

/**
 * The surface sampled on an nx × ny grid over its domain, row-major from (xMin, yMin): the input d3-contour takes.
 * Sample (i, j) is at x = xMin + i·(xMax − xMin)/(nx − 1), y = yMin + j·(yMax − yMin)/(ny − 1).
 */
export function sampleSurface(surface: Surface, nx: number, ny: number): Float64Array {
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 2 || ny < 2) throw new RangeError(`The grid must be at least 2×2 whole samples, not ${nx}×${ny}.`);
  const [x0, x1, y0, y1] = surface.domain;
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) values[j * nx + i] = surface.value(x0 + (i * (x1 - x0)) / (nx - 1), y0 + (j * (y1 - y0)) / (ny - 1));
  }
  return values;
}

/**
 * `count` contour levels between the smallest and largest sample, packed towards the smallest (quadratically):
 * loss surfaces are steep walls around flat valleys, and evenly spaced levels would all crowd the walls.
 */
export function contourLevels(values: ArrayLike<number>, count: number): number[] {
  assertWholeNumber(count, 'The number of levels', 1);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || min === max) throw new RangeError('The samples must be finite and not all equal.');
  return Array.from({ length: count }, (_, k) => min + (max - min) * ((k + 1) / (count + 1)) ** 2);
}
