/** Small vector helpers the widgets need, so that no widget does arithmetic of its own. */
import { assertFiniteVector, assertLearningRate, assertSameLength, assertWholeNumber } from './checks.ts';

/** Scales non-negative weights to sum to 1 (a distribution); throws if any is negative or all are 0. */
export function normalize(weights: readonly number[]): number[] {
  assertFiniteVector(weights, 'The weights');
  weights.forEach((w, i) => {
    if (w < 0) throw new RangeError(`The weights must not be negative, but entry ${i + 1} is ${w}.`);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) throw new RangeError('The weights must not all be 0: at least one outcome needs some probability.');
  return weights.map((w) => w / total);
}

/** One plain gradient-descent step: θ − η ∇L. */
export function gradientStep(params: readonly number[], grad: readonly number[], learningRate: number): number[] {
  assertFiniteVector(params, 'The parameters');
  assertFiniteVector(grad, 'The gradient');
  assertSameLength(params, grad, 'The parameters', 'the gradient');
  assertLearningRate(learningRate);
  return params.map((p, i) => p - learningRate * grad[i]!);
}

/** The one-hot vector of length k with a 1 at index `hot` (0-based). */
export function oneHot(k: number, hot: number): number[] {
  assertWholeNumber(k, 'The length', 1);
  if (!Number.isInteger(hot) || hot < 0 || hot >= k) {
    throw new RangeError(`The class must be between 1 and ${k}, but is ${hot + 1}.`);
  }
  return Array.from({ length: k }, (_, i) => (i === hot ? 1 : 0));
}
