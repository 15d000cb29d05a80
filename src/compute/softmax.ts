/**
 * Softmax, log-softmax, their derivative, and the cross-entropy loss on top of them, all in float64 and stable for
 * any finite logits: exponentials are only ever taken of numbers ≤ 0, so they cannot overflow.
 */
import { assertDistribution, assertFiniteVector, assertPositive, assertSameLength } from './checks.ts';

/** log Σ exp(vᵢ) without overflow: factor out the largest value, so every exponent is ≤ 0. */
export function logSumExp(values: readonly number[]): number {
  assertFiniteVector(values, 'The values');
  const max = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** The shifted, scaled logits (zᵢ − max z) / T that every function here starts from, after checking its inputs. */
function shiftedLogits(logits: readonly number[], temperature: number): number[] {
  assertFiniteVector(logits, 'The logits');
  assertPositive(temperature, 'The temperature');
  const max = Math.max(...logits);
  // Subtract before dividing: (z − max)/T cannot overflow where z/T could (huge z, tiny T).
  return logits.map((z) => (z - max) / temperature);
}

/** softmax(z / T)ᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T), computed as exp((zᵢ − max z)/T) / Σⱼ exp((zⱼ − max z)/T). */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  const shifted = shiftedLogits(logits, temperature);
  const exps = shifted.map(Math.exp); // the largest is exp(0) = 1, so the sum is in [1, n]
  const sum = exps.reduce((total, e) => total + e, 0);
  return exps.map((e) => e / sum);
}

/** log softmax(z / T)ᵢ = (zᵢ − max z)/T − log Σⱼ exp((zⱼ − max z)/T): exact even where softmax underflows to 0. */
export function logSoftmax(logits: readonly number[], temperature = 1): number[] {
  const shifted = shiftedLogits(logits, temperature);
  let sum = 0;
  for (const v of shifted) sum += Math.exp(v);
  const logSum = Math.log(sum);
  return shifted.map((v) => v - logSum);
}

/** The Jacobian ∂ softmax(z/T)ᵢ / ∂ zⱼ = (sᵢ·[i = j] − sᵢ sⱼ) / T, as rows i of columns j. */
export function softmaxJacobian(logits: readonly number[], temperature = 1): number[][] {
  const s = softmax(logits, temperature);
  return s.map((si, i) => s.map((sj, j) => ((i === j ? si : 0) - si * sj) / temperature));
}

/**
 * Cross-entropy −Σᵢ yᵢ log softmax(z)ᵢ in nats for a target distribution y (one-hot or soft), and its gradient with
 * respect to the logits, which simplifies to softmax(z) − y.
 */
export function softmaxCrossEntropy(
  logits: readonly number[],
  target: readonly number[],
): { loss: number; grad: number[] } {
  assertFiniteVector(logits, 'The logits');
  assertDistribution(target, 'The target');
  assertSameLength(logits, target, 'The logits', 'the target');
  const logS = logSoftmax(logits);
  let loss = 0;
  // Classes with target 0 contribute nothing, even where log softmax is −∞ (0 · log 0 = 0).
  target.forEach((y, i) => {
    if (y > 0) loss -= y * logS[i]!;
  });
  const grad = logS.map((l, i) => Math.exp(l) - target[i]!);
  return { loss, grad };
}

/**
 * Softmax the naive way, exp(zᵢ/T) / Σ exp(zⱼ/T) with no shift, for showing where it breaks: the exponentials
 * overflow to Infinity past z/T ≈ 709.78, and then the quotient is Infinity/Infinity = NaN. Do not use it for
 * anything else.
 */
export function naiveSoftmax(
  logits: readonly number[],
  temperature = 1,
): { exps: number[]; sum: number; probabilities: number[] } {
  assertFiniteVector(logits, 'The logits');
  assertPositive(temperature, 'The temperature');
  const exps = logits.map((z) => Math.exp(z / temperature));
  const sum = exps.reduce((total, e) => total + e, 0);
  return { exps, sum, probabilities: exps.map((e) => e / sum) };
}
