import { describe, expect, it } from 'vitest';
import { directionRate, optimalSettings, quadraticRates, simulateQuadratic, stepsToShrink } from '../../src/compute';
import { seededRandom } from './random';

const random = seededRandom(11);

/**
 * The measured per-step decay of one direction: the shrinking of the state (x_k, x_{k−1}) over a long stretch, as long
 * as the error stays far above underflow (about 10⁻¹⁰⁰ at the end).
 */
function measuredRate(curvature: number, lr: number, momentum: number, predicted: number): number {
  const steps = Math.min(700, Math.ceil((100 * Math.LN10) / -Math.log(predicted)));
  const path = simulateQuadratic([curvature], [1], lr, momentum, steps).map((x) => x[0]!);
  const state = (k: number) => Math.hypot(path[k]!, path[k - 1]!);
  const from = Math.floor(steps / 3);
  return (state(steps) / state(from)) ** (1 / (steps - from));
}

describe('momentum on a quadratic', () => {
  it('without momentum the rate along curvature λ is |1 − ηλ|, exactly', () => {
    for (let trial = 0; trial < 50; trial++) {
      const [lambda, lr] = [0.1 + 10 * random(), 0.3 * random()];
      expect(directionRate(lambda, lr, 0)).toBeCloseTo(Math.abs(1 - lr * lambda), 14);
    }
  });

  it("each direction's rate is the decay torch.optim.SGD's iterates show (200 random settings)", () => {
    let checked = 0;
    while (checked < 200) {
      const [lambda, lr, momentum] = [0.5 + 20 * random(), random() * 0.2, random() * 0.95];
      const predicted = directionRate(lambda, lr, momentum);
      // Rates near 1 need far longer runs, and near 0 the error underflows: both are left out.
      if (predicted > 0.985 || predicted < 0.2) continue;
      expect(measuredRate(lambda, lr, momentum, predicted), `λ=${lambda} η=${lr} μ=${momentum}`).toBeCloseTo(predicted, 2);
      checked++;
    }
  });

  it('the best settings are optimal: no η (and μ) on a fine grid beats their rate, and they achieve it', () => {
    for (const [small, large] of [[1, 10], [1, 100], [0.5, 40]] as const) {
      const best = optimalSettings(small, large);
      expect(quadraticRates([small, large], best.gradientDescent.lr, 0).rate).toBeCloseTo(best.gradientDescent.rate, 12);
      expect(quadraticRates([small, large], best.momentum.lr, best.momentum.momentum).rate).toBeCloseTo(best.momentum.rate, 6);
      let [gdBest, momBest] = [Infinity, Infinity];
      for (let i = 1; i <= 400; i++) {
        const lr = (i / 400) * (2 / large);
        gdBest = Math.min(gdBest, quadraticRates([small, large], lr, 0).rate);
        for (let j = 0; j < 100; j++) momBest = Math.min(momBest, quadraticRates([small, large], (i / 400) * (4 / large), j / 100).rate);
      }
      expect(gdBest).toBeGreaterThanOrEqual(best.gradientDescent.rate - 1e-12);
      expect(momBest).toBeGreaterThanOrEqual(best.momentum.rate - 1e-9);
      expect(gdBest - best.gradientDescent.rate).toBeLessThan(0.01);
    }
  });

  it('momentum needs about √κ times fewer steps than the best gradient descent', () => {
    for (const kappa of [100, 1000, 10000]) {
      const best = optimalSettings(1, kappa);
      const ratio = stepsToShrink(best.gradientDescent.rate) / stepsToShrink(best.momentum.rate);
      expect(Math.abs(ratio / Math.sqrt(kappa) - 1)).toBeLessThan(0.1);
    }
  });

  it('the slowest direction sets the overall rate; nonsense is refused', () => {
    const { perDirection, rate } = quadraticRates([1, 5, 25], 0.05, 0.5);
    expect(rate).toBe(Math.max(...perDirection));
    expect(stepsToShrink(1.2)).toBe(Infinity);
    expect(stepsToShrink(0.5, 1e-3)).toBe(10);
    expect(() => directionRate(0, 0.1, 0.5)).toThrow(/curvature must be a finite number > 0/);
    expect(() => directionRate(1, 0.1, 1)).toThrow(/momentum/);
    expect(() => optimalSettings(2, 1)).toThrow(/0 < smallest ≤ largest/);
    expect(() => simulateQuadratic([1, 2], [1], 0.1, 0, 3)).toThrow(/one value per curvature/);
  });
});
