/**
 * Lighthouse's CPU slowdown for a host of a given speed. Lighthouse's simulated mobile run multiplies the tasks it
 * observed by `cpuSlowdownMultiplier`, 4 by default, a figure meant for a fast desktop host (benchmark index about
 * 1,500): on a slower host the same 4 simulates a phone slower than the mid-tier one Lighthouse targets, and the
 * report says so ("The tested device appears to have a slower CPU than Lighthouse expects"). Lighthouse's throttling
 * documentation (docs/throttling.md, "Calibrating the CPU slowdown") asks for a smaller multiplier there and points to
 * its calculator, whose piecewise-linear anchors this follows: index 150 → 1×, 800 → 2×, 1,300 → 3×, then one more
 * per 233 (1,533 → 4×, 2,000 → 6×).
 */
export function cpuSlowdownFor(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex < 150) {
    throw new RangeError(`A benchmark index of ${benchmarkIndex} is too slow a host to emulate Lighthouse's phone on`);
  }
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return 1 + (benchmarkIndex - 150) / 650;
}
