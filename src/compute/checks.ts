/**
 * Argument checks shared by the compute modules. Each throws a RangeError whose message names the argument and
 * says what is wrong with it, so a widget can show the message to the reader as it is.
 */

/** Throws unless `values` is a non-empty array of finite numbers. */
export function assertFiniteVector(values: readonly number[], what: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new RangeError(`${what} must not be empty.`);
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${what} must be finite numbers, but entry ${i + 1} is ${String(value)}.`);
    }
  });
}

/** Throws unless `a` and `b` have the same length. */
export function assertSameLength(a: readonly unknown[], b: readonly unknown[], whatA: string, whatB: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${whatA} and ${whatB} must have the same length (${a.length} vs ${b.length}).`);
  }
}

/** How far a distribution's sum may stray from 1 (rounding in typed or computed probabilities). */
export const DISTRIBUTION_TOLERANCE = 1e-9;

/** Throws unless `p` is a probability distribution: finite, non-negative entries summing to 1 within 1e-9. */
export function assertDistribution(p: readonly number[], what: string): void {
  assertFiniteVector(p, what);
  p.forEach((value, i) => {
    if (value < 0) throw new RangeError(`${what} must not have negative entries, but entry ${i + 1} is ${value}.`);
  });
  const sum = p.reduce((total, value) => total + value, 0);
  if (Math.abs(sum - 1) > DISTRIBUTION_TOLERANCE) {
    throw new RangeError(`${what} must sum to 1, but its entries sum to ${sum}.`);
  }
}

/** Throws unless `value` is a finite number greater than zero. */
export function assertPositive(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be a finite number greater than 0, but is ${String(value)}.`);
  }
}

const grouped = (n: number): string => (Number.isFinite(n) ? n.toLocaleString('en-US') : String(n));

/** Throws unless `value` is a whole number in [min, max] (max may be Infinity): "… must be a whole number from 1 to 6". */
export function assertWholeNumber(value: number, what: string, min: number, max = Infinity): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${grouped(min)}` : `from ${grouped(min)} to ${grouped(max)}`;
    throw new RangeError(`${what} must be a whole number ${range}, but is ${String(value)}.`);
  }
}

/** Throws unless `value` is a finite number in [min, max]. */
export function assertInRange(value: number, what: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${what} must be a number from ${grouped(min)} to ${grouped(max)}, but is ${String(value)}.`);
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function assertNonNegative(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number ≥ 0, but is ${String(value)}.`);
  }
}

/** The learning-rate rule every optimiser and descent function shares: a finite number ≥ 0. */
export const assertLearningRate = (lr: number): void => assertNonNegative(lr, 'The learning rate');
