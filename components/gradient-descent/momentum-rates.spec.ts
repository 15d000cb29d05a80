/** Momentum, quantitatively: per-direction decay on a quadratic, declared once (see components/README.md). */
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';

/** The curvatures shown: λ = 1, κ^¼, κ^½, κ^¾ and κ, evenly spaced on a log scale between the extremes. */
export const curvaturesFor = (kappa: number): number[] => [0, 0.25, 0.5, 0.75, 1].map((t) => kappa ** t);

export const momentumRatesSpec = defineSpec({
  tag: 'gd-momentum',
  title: 'Momentum, direction by direction',
  fields: {
    kappa: numberField({ label: 'Condition number κ = λmax / λmin', noun: 'The condition number', min: 1, max: 10000, default: 100, size: 7, slider: { min: 0, max: 4, step: 0.01, log10: true } }),
    lr: numberField({ label: 'Learning rate η', min: 0, max: 2, default: 0.0198, size: 8 }),
    momentum: numberField({ label: 'Momentum μ', noun: 'The momentum', min: 0, max: 0.999, default: 0, size: 6, slider: { min: 0, max: 0.99, step: 0.01 } }),
  },
  snippet: (s) =>
    [
      "import { quadraticRates, optimalSettings, stepsToShrink } from './src/compute';",
      `const curvatures = [${curvaturesFor(s.kappa).map((c) => Number(c.toPrecision(6))).join(', ')}]; // λmin = 1 … λmax = κ`,
      `const { perDirection, rate } = quadraticRates(curvatures, ${s.lr}, ${s.momentum});`,
      `optimalSettings(1, ${s.kappa}); // the best η (and μ) for these curvatures`,
      'stepsToShrink(rate, 1e-3) // steps until the error is 1000 times smaller',
    ].join('\n'),
});
