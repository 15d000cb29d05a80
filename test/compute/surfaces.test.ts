import { describe, expect, it } from 'vitest';
import { centralDifferenceGradient, createOptimizer, surfaces } from '../../src/compute';
import { seededRandom, uniformVector } from './random';

describe('loss surfaces', () => {
  it.each(Object.entries(surfaces))('%s: the analytic gradient equals central differences', (_, surface) => {
    const random = seededRandom(5);
    const [x0, x1, y0, y1] = surface.domain;
    for (let i = 0; i < 100; i++) {
      const [x, y] = [uniformVector(random, 1, x0, x1)[0]!, uniformVector(random, 1, y0, y1)[0]!];
      const numeric = centralDifferenceGradient(([a, b]) => surface.value(a!, b!), [x, y], 1e-6);
      const analytic = surface.gradient(x, y);
      analytic.forEach((g, k) => expect(Math.abs(g - numeric[k]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(g))));
    }
  });

  it.each(Object.entries(surfaces))('%s: the listed minima are stationary points', (_, surface) => {
    for (const [x, y] of surface.minima) {
      for (const g of surface.gradient(x, y)) expect(Math.abs(g)).toBeLessThan(1e-4);
    }
  });

  it('gradient descent on the bowl converges for η < 1 and diverges for η > 1 (the quadratic bound 2/λ, L = 2)', () => {
    const run = (lr: number) => {
      const opt = createOptimizer({ type: 'sgd', lr });
      let p = [2, -1];
      for (let i = 0; i < 100; i++) p = opt.step(p, surfaces.bowl.gradient(p[0]!, p[1]!));
      return Math.hypot(p[0]!, p[1]!);
    };
    expect(run(0.5)).toBeLessThan(1e-10);
    expect(run(0.99)).toBeLessThan(1);
    expect(run(1.01)).toBeGreaterThan(2);
  });

  it('Adam reaches the Rosenbrock minimum from (−1.5, 2)', () => {
    const opt = createOptimizer({ type: 'adam', lr: 0.02 });
    let p = [-1.5, 2];
    for (let i = 0; i < 6000; i++) p = opt.step(p, surfaces.rosenbrock.gradient(p[0]!, p[1]!));
    expect(p[0]).toBeCloseTo(1, 2);
    expect(p[1]).toBeCloseTo(1, 2);
  });
});
