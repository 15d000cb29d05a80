import { describe, expect, it } from 'vitest';
import { cpuSlowdownFor } from '../../scripts/lib/cpu-slowdown';

describe('cpuSlowdownFor (Lighthouse calibration)', () => {
  it('meets the calculator at its anchors', () => {
    expect(cpuSlowdownFor(150)).toBe(1);
    expect(cpuSlowdownFor(800)).toBe(2);
    expect(cpuSlowdownFor(1300)).toBe(3);
    expect(cpuSlowdownFor(1533)).toBeCloseTo(4, 12);
    expect(cpuSlowdownFor(2000)).toBeCloseTo(6, 2);
  });

  it('is continuous and rising between the anchors', () => {
    let previous = cpuSlowdownFor(150);
    for (let index = 151; index <= 2500; index++) {
      const m = cpuSlowdownFor(index);
      expect(m).toBeGreaterThan(previous);
      expect(m - previous).toBeLessThan(0.005);
      previous = m;
    }
  });

  it('refuses a host too slow to emulate a phone on', () => {
    expect(() => cpuSlowdownFor(120)).toThrow(RangeError);
    expect(() => cpuSlowdownFor(Number.NaN)).toThrow(RangeError);
  });
});
