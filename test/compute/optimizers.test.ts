import { describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerConfig } from '../../src/compute';
import { seededRandom, uniformVector } from './random';

describe('first steps, by hand', () => {
  it('SGD: θ − lr·g; with momentum the first buffer is g itself', () => {
    expect(createOptimizer({ type: 'sgd', lr: 0.1 }).step([1, -2], [0.5, 4])).toEqual([0.95, -2.4]);
    const momentum = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9 });
    expect(momentum.step([1], [1])).toEqual([0.9]);
    expect(momentum.step([0.9], [1])[0]).toBeCloseTo(0.9 - 0.1 * 1.9, 15); // buffer 0.9·1 + 1
    const nesterov = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true });
    expect(nesterov.step([1], [1])[0]).toBeCloseTo(1 - 0.1 * 1.9, 15); // g + μ·buffer
    expect(createOptimizer({ type: 'sgd', lr: 0.1, weightDecay: 0.5 }).step([2], [0])).toEqual([1.9]);
  });

  it('Adam: the first step moves every parameter by about lr, against the sign of its gradient', () => {
    const [a, b] = createOptimizer({ type: 'adam', lr: 0.01 }).step([1, 1], [3, -0.001]);
    // m̂ = g, v̂ = g², so the step is lr · g / (|g| + eps).
    expect(a).toBeCloseTo(1 - 0.01 * (3 / (3 + 1e-8)), 15);
    expect(b).toBeCloseTo(1 + 0.01 * (0.001 / (0.001 + 1e-8)), 15);
  });

  it('AdamW decays the weights directly (default 0.01), Adam through the gradient', () => {
    const [w] = createOptimizer({ type: 'adamw', lr: 0.1 }).step([2], [0]);
    expect(w).toBeCloseTo(2 * (1 - 0.1 * 0.01), 15); // zero gradient: only the decay acts
    const [a] = createOptimizer({ type: 'adam', lr: 0.1, weightDecay: 0.01 }).step([2], [0]);
    expect(a).toBeCloseTo(2 - 0.1, 6); // g = 0.02: a full lr-sized Adam step
  });

  it('RMSprop: v = (1 − α) g², step lr · g / (√v + eps)', () => {
    const [p] = createOptimizer({ type: 'rmsprop', lr: 0.01 }).step([1], [2]);
    expect(p).toBeCloseTo(1 - 0.01 * (2 / (Math.sqrt(0.01 * 4) + 1e-8)), 15);
  });

  it('Adagrad: sum of squares, learning-rate decay from the second step', () => {
    const opt = createOptimizer({ type: 'adagrad', lr: 0.1, lrDecay: 0.5 });
    const [p1] = opt.step([1], [2]);
    expect(p1).toBeCloseTo(1 - 0.1 * (2 / (2 + 1e-10)), 15);
    const [p2] = opt.step([p1!], [2]);
    expect(p2).toBeCloseTo(p1! - (0.1 / 1.5) * (2 / (Math.sqrt(8) + 1e-10)), 15);
  });
});

/** The algorithms as torch.optim's documentation writes them (pseudo-code form), independent of the module. */
function documented(config: OptimizerConfig) {
  let t = 0;
  const s: Record<string, number[]> = {};
  return (theta: number[], grad: number[]): number[] => {
    t += 1;
    const n = theta.length;
    const buf = (name: string, fill = 0) => (s[name] ??= new Array(n).fill(fill));
    return theta.map((th, i) => {
      let g = grad[i]!;
      switch (config.type) {
        case 'sgd': {
          const { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = config;
          if (weightDecay) g = g + weightDecay * th;
          if (momentum) {
            const b = buf('b');
            b[i] = t > 1 ? momentum * b[i]! + (1 - dampening) * g : g;
            g = nesterov ? g + momentum * b[i]! : b[i]!;
          }
          return th - lr * g;
        }
        case 'adam':
        case 'adamw': {
          const { lr, betas: [b1, b2] = [0.9, 0.999], eps = 1e-8, amsgrad = false } = config;
          const weightDecay = config.weightDecay ?? (config.type === 'adamw' ? 1e-2 : 0);
          let x = th;
          if (config.type === 'adamw') x = x - lr * weightDecay * x;
          else if (weightDecay) g = g + weightDecay * x;
          const m = buf('m');
          const v = buf('v');
          const vmax = buf('vmax');
          m[i] = b1 * m[i]! + (1 - b1) * g;
          v[i] = b2 * v[i]! + (1 - b2) * g * g;
          const mHat = m[i]! / (1 - b1 ** t);
          if (amsgrad) vmax[i] = Math.max(vmax[i]!, v[i]!);
          const vHat = (amsgrad ? vmax[i]! : v[i]!) / (1 - b2 ** t);
          return x - (lr * mHat) / (Math.sqrt(vHat) + eps);
        }
        case 'rmsprop': {
          const { lr, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = config;
          if (weightDecay) g = g + weightDecay * th;
          const v = buf('v');
          const gAvg = buf('gavg');
          const b = buf('b');
          v[i] = alpha * v[i]! + (1 - alpha) * g * g;
          let vt = v[i]!;
          if (centered) {
            gAvg[i] = alpha * gAvg[i]! + (1 - alpha) * g;
            vt = vt - gAvg[i]! ** 2;
          }
          if (momentum > 0) {
            b[i] = momentum * b[i]! + g / (Math.sqrt(vt) + eps);
            return th - lr * b[i]!;
          }
          return th - (lr * g) / (Math.sqrt(vt) + eps);
        }
        case 'adagrad': {
          const { lr, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10 } = config;
          const lrT = lr / (1 + (t - 1) * lrDecay);
          if (weightDecay) g = g + weightDecay * th;
          const sum = buf('sum', initialAccumulatorValue);
          sum[i] = sum[i]! + g * g;
          return th - (lrT * g) / (Math.sqrt(sum[i]!) + eps);
        }
      }
    });
  };
}

describe('each optimiser follows its documented algorithm', () => {
  const random = seededRandom(1847);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const configs: OptimizerConfig[] = Array.from({ length: 200 }, (_, i): OptimizerConfig => {
    const lr = pick([0.001, 0.01, 0.1, 0.5]);
    const weightDecay = pick([0, 0, 0.01, 0.1]);
    switch (i % 5) {
      case 0: {
        const momentum = pick([0, 0.5, 0.9]);
        const nesterov = momentum > 0 && random() < 0.5;
        return { type: 'sgd', lr, momentum, dampening: nesterov ? 0 : pick([0, 0.1]), nesterov, weightDecay };
      }
      case 1:
        return { type: 'adam', lr, betas: [pick([0.8, 0.9]), pick([0.99, 0.999])], weightDecay, amsgrad: random() < 0.5 };
      case 2:
        return { type: 'adamw', lr, weightDecay, amsgrad: random() < 0.5 };
      case 3:
        return { type: 'rmsprop', lr, alpha: pick([0.9, 0.99]), momentum: pick([0, 0.9]), centered: random() < 0.5, weightDecay };
      default:
        return { type: 'adagrad', lr, lrDecay: pick([0, 0.01]), initialAccumulatorValue: pick([0, 0.1]), weightDecay };
    }
  });

  it.each(configs.map((config, i) => ({ i, config })))('setting $i ($config.type): 25 steps agree to 1e-12', ({ i, config }) => {
    const stream = seededRandom(i + 1);
    const optimizer = createOptimizer(config);
    const reference = documented(config);
    let ours = uniformVector(stream, 3, -2, 2);
    let theirs = [...ours];
    for (let step = 0; step < 25; step++) {
      const grad = uniformVector(stream, 3, -3, 3);
      ours = optimizer.step(ours, grad);
      theirs = reference(theirs, grad);
      ours.forEach((v, k) => expect(Math.abs(v - theirs[k]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))));
    }
  });
});

describe('invalid settings', () => {
  it.each([
    [{ type: 'sgd', lr: -1 }, /learning rate/],
    [{ type: 'sgd', lr: 0.1, momentum: 1 }, /Momentum must be in \[0, 1\)/],
    [{ type: 'sgd', lr: 0.1, nesterov: true }, /Nesterov/],
    [{ type: 'sgd', lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }, /Nesterov/],
    [{ type: 'adam', lr: 0.1, betas: [1, 0.999] }, /beta/],
    [{ type: 'adam', lr: 0.1, eps: 0 }, /eps/],
    [{ type: 'rmsprop', lr: 0.1, momentum: -0.1 }, /Momentum/],
    [{ type: 'adagrad', lr: NaN }, /learning rate/],
    [{ type: 'adamw', lr: 0.1, weightDecay: -1 }, /weight decay/],
  ] as [OptimizerConfig, RegExp][])('%# %j', (config, message) => {
    expect(() => createOptimizer(config)).toThrow(RangeError);
    expect(() => createOptimizer(config)).toThrow(message);
  });

  it('length mismatches and non-finite values', () => {
    const opt = createOptimizer({ type: 'sgd', lr: 0.1 });
    expect(() => opt.step([1, 2], [1])).toThrow(/same length/);
    expect(() => opt.step([1], [NaN])).toThrow(/finite/);
    opt.step([1], [1]);
    expect(() => opt.step([1, 2], [1, 1])).toThrow(/started with 1 parameters/);
  });
});

describe('update: the same rule in place, on Float64Arrays', () => {
  const configs: OptimizerConfig[] = [
    { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
    { type: 'adam', lr: 0.01, amsgrad: true },
    { type: 'adamw', lr: 0.01 },
    { type: 'rmsprop', lr: 0.01, momentum: 0.5, centered: true },
    { type: 'adagrad', lr: 0.1, lrDecay: 0.01 },
  ];

  it.each(configs)('$type: update writes exactly what step returns, bit for bit, over 20 steps', (config) => {
    const random = seededRandom(5);
    const stepping = createOptimizer(config);
    const updating = createOptimizer(config);
    let params = uniformVector(random, 8, -1, 1);
    const inPlace = Float64Array.from(params);
    for (let k = 0; k < 20; k++) {
      const grad = Float64Array.from(uniformVector(random, 8, -2, 2));
      params = stepping.step(Float64Array.from(params), grad); // step takes typed arrays too
      updating.update(inPlace, grad);
      expect(Array.from(inPlace)).toEqual(params);
    }
  });

  it('update refuses a gradient of another length or with a non-finite value', () => {
    const opt = createOptimizer({ type: 'sgd', lr: 0.1 });
    expect(() => opt.update(new Float64Array(3), new Float64Array(2))).toThrow(/same length \(3 vs 2\)/);
    expect(() => opt.update(new Float64Array(2), Float64Array.from([1, NaN]))).toThrow(/gradient must be finite/);
  });
});
