/**
 * The update rules of torch.optim (SGD, Adam, AdamW, RMSprop, Adagrad) with PyTorch's defaults, written in the
 * order of operations of PyTorch's own implementation, so a float64 run follows the same trajectory.
 */
import { assertLearningRate, assertNonNegative } from './checks.ts';
import { allFinite } from './tensor.ts';

/** Settings of one optimiser; omitted fields take PyTorch's defaults. */
export type OptimizerConfig =
  | { type: 'sgd'; lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
  | { type: 'adam' | 'adamw'; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number; amsgrad?: boolean }
  | { type: 'rmsprop'; lr: number; alpha?: number; eps?: number; momentum?: number; centered?: boolean; weightDecay?: number }
  | { type: 'adagrad'; lr: number; lrDecay?: number; eps?: number; weightDecay?: number; initialAccumulatorValue?: number };

/**
 * An optimiser with its state. `step` returns the new parameters; `update` writes them in place (no allocation).
 * `learningRate` may be changed between steps, as PyTorch's schedulers change a param group's lr.
 */
export interface Optimizer {
  step(params: ArrayLike<number>, grad: ArrayLike<number>): number[];
  update(params: Float64Array, grad: ArrayLike<number>): void;
  learningRate: number;
}

/** A mutable vector of parameters: a plain array for `step`, the caller's Float64Array for `update`. */
type Params = number[] | Float64Array;

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(message);
}
const finite = (value: number) => typeof value === 'number' && Number.isFinite(value);

/** Checks the settings every optimiser shares and returns the weight decay. */
function common(config: { lr: number; weightDecay?: number; eps?: number }, defaultDecay = 0): number {
  assertLearningRate(config.lr);
  const decay = config.weightDecay ?? defaultDecay;
  assertNonNegative(decay, 'The weight decay');
  if (config.eps !== undefined) check(finite(config.eps) && config.eps > 0, `eps must be a finite number > 0, but is ${config.eps}.`);
  return decay;
}

/** Creates a stateful optimiser; throws RangeError for settings PyTorch rejects or that make no sense. */
export function createOptimizer(config: OptimizerConfig): Optimizer {
  let state: Float64Array[] | null = null;
  let t = 0;
  /** Checks a step's arguments, makes the state buffers on the first step, and counts the step. */
  const begin = (params: ArrayLike<number>, grad: ArrayLike<number>, buffers: number, fill = 0): Float64Array[] => {
    if (params.length === 0 || !allFinite(params)) throw new RangeError('The parameters must be finite numbers, and at least one.');
    if (!allFinite(grad)) throw new RangeError('The gradient must be finite numbers.');
    if (grad.length !== params.length) throw new RangeError(`The parameters and the gradient must have the same length (${params.length} vs ${grad.length}).`);
    if (state && state[0]!.length !== params.length) throw new RangeError(`This optimiser was started with ${state[0]!.length} parameters, not ${params.length}.`);
    state ??= Array.from({ length: buffers }, () => new Float64Array(params.length).fill(fill));
    t += 1;
    return state;
  };
  /** The learning rate each rule reads at every step (a scheduler may change it). */
  let lr = config.lr;
  /** An optimiser from its in-place update rule: `step` runs the same rule on a copy. */
  const make = (update: (p: Params, grad: ArrayLike<number>) => void): Optimizer => ({
    update,
    step(params, grad) {
      const next = Array.from(params);
      update(next, grad);
      return next;
    },
    get learningRate() {
      return lr;
    },
    set learningRate(value: number) {
      assertLearningRate(value);
      lr = value;
    },
  });

  switch (config.type) {
    case 'sgd': {
      const decay = common(config);
      const momentum = config.momentum ?? 0;
      const dampening = config.dampening ?? 0;
      const nesterov = config.nesterov ?? false;
      check(finite(momentum) && momentum >= 0 && momentum < 1, `Momentum must be in [0, 1), but is ${momentum}.`);
      check(finite(dampening) && dampening >= 0 && dampening <= 1, `Dampening must be in [0, 1], but is ${dampening}.`);
      check(!nesterov || (momentum > 0 && dampening === 0), 'Nesterov momentum needs a momentum above 0 and no dampening.');
      return make((params, grad) => {
        const [buffer] = begin(params, grad, 1);
        for (let i = 0; i < params.length; i++) {
          const p = params[i]!;
          let g = decay !== 0 ? grad[i]! + decay * p : grad[i]!;
          if (momentum !== 0) {
            buffer![i] = t === 1 ? g : momentum * buffer![i]! + (1 - dampening) * g;
            g = nesterov ? g + momentum * buffer![i]! : buffer![i]!;
          }
          params[i] = p - lr * g;
        }
      });
    }
    case 'adam':
    case 'adamw': {
      const decoupled = config.type === 'adamw';
      const decay = common(config, decoupled ? 1e-2 : 0);
      const [beta1, beta2] = config.betas ?? [0.9, 0.999];
      const eps = config.eps ?? 1e-8;
      const amsgrad = config.amsgrad ?? false;
      for (const beta of [beta1, beta2]) check(finite(beta) && beta >= 0 && beta < 1, `Each beta must be in [0, 1), but one is ${beta}.`);
      return make((params, grad) => {
        const [m, v, vMax] = begin(params, grad, 3);
        const correction1 = 1 - beta1 ** t;
        const correction2Sqrt = Math.sqrt(1 - beta2 ** t);
        const stepSize = lr / correction1;
        for (let i = 0; i < params.length; i++) {
          let p = params[i]!;
          let g = grad[i]!;
          if (decoupled) p *= 1 - lr * decay;
          else if (decay !== 0) g += decay * p;
          m![i] = m![i]! + (g - m![i]!) * (1 - beta1); // lerp, as torch
          v![i] = v![i]! * beta2 + (1 - beta2) * g * g;
          let second = v![i]!;
          if (amsgrad) second = vMax![i] = Math.max(vMax![i]!, v![i]!);
          const denom = Math.sqrt(second) / correction2Sqrt + eps;
          params[i] = p - stepSize * (m![i]! / denom);
        }
      });
    }
    case 'rmsprop': {
      const decay = common(config);
      const alpha = config.alpha ?? 0.99;
      const eps = config.eps ?? 1e-8;
      const momentum = config.momentum ?? 0;
      const centered = config.centered ?? false;
      check(finite(alpha) && alpha >= 0 && alpha <= 1, `alpha must be in [0, 1], but is ${alpha}.`);
      check(finite(momentum) && momentum >= 0 && momentum < 1, `Momentum must be in [0, 1), but is ${momentum}.`);
      return make((params, grad) => {
        const [square, average, buffer] = begin(params, grad, 3);
        for (let i = 0; i < params.length; i++) {
          const p = params[i]!;
          const g = decay !== 0 ? grad[i]! + decay * p : grad[i]!;
          square![i] = square![i]! * alpha + (1 - alpha) * g * g;
          let avg: number;
          if (centered) {
            average![i] = average![i]! + (g - average![i]!) * (1 - alpha);
            avg = Math.sqrt(square![i]! - average![i]! * average![i]!) + eps;
          } else {
            avg = Math.sqrt(square![i]!) + eps;
          }
          if (momentum > 0) {
            buffer![i] = buffer![i]! * momentum + g / avg;
            params[i] = p - lr * buffer![i]!;
          } else {
            params[i] = p - lr * (g / avg);
          }
        }
      });
    }
    case 'adagrad': {
      const decay = common(config);
      const lrDecay = config.lrDecay ?? 0;
      const eps = config.eps ?? 1e-10;
      const initial = config.initialAccumulatorValue ?? 0;
      check(finite(lrDecay) && lrDecay >= 0, `The learning-rate decay must be ≥ 0, but is ${lrDecay}.`);
      check(finite(initial) && initial >= 0, `The initial accumulator value must be ≥ 0, but is ${initial}.`);
      return make((params, grad) => {
        const [sum] = begin(params, grad, 1, initial);
        const clr = lr / (1 + (t - 1) * lrDecay);
        for (let i = 0; i < params.length; i++) {
          const p = params[i]!;
          const g = decay !== 0 ? grad[i]! + decay * p : grad[i]!;
          sum![i] = sum![i]! + g * g;
          params[i] = p - clr * (g / (Math.sqrt(sum![i]!) + eps));
        }
      });
    }
    default:
      throw new RangeError(`Unknown optimiser type "${String((config as { type: unknown }).type)}".`);
  }
}
