import { describe, expect, it } from 'vitest';
import { centralDifferenceGradient, contourLevels, createOptimizer, curves, descend1d, quadraticRegime, runOptimizer, sampleSurface, surfaces, DIVERGED } from '../../src/compute';
import { seededRandom } from './random';

describe('curves', () => {
  it('derivatives agree with finite differences', () => {
    const random = seededRandom(4);
    for (const curve of Object.values(curves)) {
      for (let k = 0; k < 50; k++) {
        const x = curve.domain[0] + random() * (curve.domain[1] - curve.domain[0]);
        const [numeric] = centralDifferenceGradient(([t]) => curve.value(t!), [x]);
        expect(curve.derivative(x)).toBeCloseTo(numeric!, 6);
      }
    }
  });
  it('second derivatives agree with finite differences of the derivative; listed minima are minima', () => {
    for (const curve of Object.values(curves)) {
      for (const x of [-1.7, -0.3, 0.9, 2.1]) {
        const [numeric] = centralDifferenceGradient(([t]) => curve.derivative(t!), [x]);
        expect(curve.secondDerivative(x)).toBeCloseTo(numeric!, 6);
      }
      for (const m of curve.minima) {
        expect(Math.abs(curve.derivative(m))).toBeLessThan(1e-7);
        expect(curve.secondDerivative(m)).toBeGreaterThan(0);
      }
    }
  });

  it('the double well has the minima the chapter names', () => {
    const { derivative, value } = curves.doubleWell;
    const settle = (x0: number) => descend1d(curves.doubleWell, x0, 0.05, 2000).at(-1)!;
    expect(settle(-2)).toBeCloseTo(-1.50524, 4);
    expect(settle(2)).toBeCloseTo(1.30098, 4);
    expect(derivative(settle(2))).toBeCloseTo(0, 9);
    expect(value(settle(-2))).toBeLessThan(value(settle(2))); // the left valley is the deeper one
  });
});

describe('descend1d on the parabola x²: x_{k+1} = (1 − 2η) x_k', () => {
  it.each([
    [0.25, [2, 1, 0.5, 0.25]],
    [0.5, [2, 0, 0, 0]],
    [0.75, [2, -1, 0.5, -0.25]],
    [1, [2, -2, 2, -2]],
    [1.25, [2, -3, 4.5, -6.75]],
  ])('η = %s', (lr, expected) => {
    expect(descend1d(curves.parabola, 2, lr, 3)).toEqual(expected);
  });
  it('stops once the iterates pass DIVERGED instead of running into Infinity', () => {
    const xs = descend1d(curves.parabola, 1, 3, 10_000);
    expect(Math.abs(xs.at(-1)!)).toBeGreaterThan(DIVERGED);
    expect(xs.length).toBeLessThan(30);
    expect(xs.every(Number.isFinite)).toBe(true);
  });
  it('rejects bad settings', () => {
    expect(() => descend1d(curves.parabola, NaN, 0.1, 3)).toThrow(/start must be a finite number/);
    expect(() => descend1d(curves.parabola, 1, -0.1, 3)).toThrow(/learning rate/);
    expect(() => descend1d(curves.parabola, 1, 0.1, 2.5)).toThrow(/whole number/);
  });
});

describe('quadraticRegime: the 2/λ rule', () => {
  it.each([
    [0, 'still'],
    [0.2, 'creeps'],
    [0.5, 'one step'],
    [0.8, 'zigzags in'],
    [1, 'bounces forever'],
    [1.01, 'diverges'],
  ])('η = %s on x² (L = 2)', (lr, regime) => {
    expect(quadraticRegime(lr, 2).regime).toBe(regime);
  });
  it('agrees with what descend1d actually does, for random step sizes', () => {
    const random = seededRandom(12);
    for (let k = 0; k < 200; k++) {
      const lr = random() * 1.5;
      const { factor, regime } = quadraticRegime(lr, 2);
      const xs = descend1d(curves.parabola, 1, lr, 40);
      expect(xs[1]).toBeCloseTo(factor, 12);
      const last = Math.abs(xs.at(-1)!);
      if (regime === 'diverges') expect(last).toBeGreaterThan(1);
      if (regime === 'creeps' || regime === 'zigzags in') expect(last).toBeLessThan(1);
      if (regime === 'zigzags in') expect(Math.sign(xs[1]!)).toBe(-1);
    }
  });
  it('rejects a non-positive curvature', () => {
    expect(() => quadraticRegime(0.1, 0)).toThrow(RangeError);
  });
});

describe('runOptimizer', () => {
  it('is the optimiser stepped by hand', () => {
    const start: [number, number] = [-1.5, 2];
    const config = { type: 'adam', lr: 0.05 } as const;
    const run = runOptimizer(surfaces.rosenbrock, config, start, 25);
    const optimizer = createOptimizer(config);
    let p = [...start];
    for (let k = 1; k <= 25; k++) {
      p = optimizer.step(p, surfaces.rosenbrock.gradient(p[0]!, p[1]!));
      expect(run.path[k]).toEqual(p);
      expect(run.losses[k]).toBe(surfaces.rosenbrock.value(p[0]!, p[1]!));
    }
  });
  it('plain SGD reaches the bowl\'s minimum; too large a step on the ravine diverges and is reported', () => {
    const bowl = runOptimizer(surfaces.bowl, { type: 'sgd', lr: 0.1 }, [2, -2], 200);
    expect(bowl.losses.at(-1)!).toBeLessThan(1e-12);
    const ravine = runOptimizer(surfaces.ravine, { type: 'sgd', lr: 0.11 }, [3, 1], 500); // η > 2/20
    expect(ravine.diverged).toBe(true);
    expect(ravine.path.length).toBeLessThan(500);
    expect(ravine.losses.every(Number.isFinite)).toBe(true);
  });
});

describe('contour inputs', () => {
  it('sampleSurface puts the grid corners on the domain corners', () => {
    const values = sampleSurface(surfaces.ravine, 5, 3);
    expect(values[0]).toBe(surfaces.ravine.value(-4, -2));
    expect(values[4]).toBe(surfaces.ravine.value(4, -2));
    expect(values[14]).toBe(surfaces.ravine.value(4, 2));
    expect(values[7]).toBe(surfaces.ravine.value(0, 0));
  });
  it('contourLevels are increasing, inside the range, denser near the bottom', () => {
    const levels = contourLevels([0, 100], 9);
    expect(levels).toHaveLength(9);
    for (let k = 1; k < 9; k++) expect(levels[k]!).toBeGreaterThan(levels[k - 1]!);
    expect(levels[0]).toBeCloseTo(1, 12);
    expect(levels[8]).toBeCloseTo(81, 12);
    expect(() => contourLevels([1, 1], 3)).toThrow(/not all equal/);
  });
});
