/** Gradient descent in one dimension, declared once (see components/README.md). */
import { curves } from '../../src/compute';
import { choiceField, numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { oneDimensionSnippet } from './snippets';

/** Largest learning rate on the slider and the strip under the plot. */
export const LR_MAX = 1.5;

export const learningRate1dSpec = defineSpec({
  tag: 'gd-learning-rate',
  title: 'One dimension: how big a step?',
  fields: {
    curve: choiceField({ label: 'Function', options: (Object.keys(curves) as (keyof typeof curves)[]).map((key) => ({ value: key, text: curves[key].title })), default: 'parabola' }),
    lr: numberField({ label: 'Learning rate η', min: 0, max: LR_MAX, default: 0.2, slider: { min: 0, max: LR_MAX, step: 0.01 } }),
    x0: numberField({ label: 'Start x₀', noun: 'The start', min: -2.5, max: 2.5, default: 2.5 }),
    steps: numberField({ label: 'Steps', noun: 'The number of steps', min: 1, max: 50, integer: true, default: 12, size: 4 }),
  },
  snippet: (s) => oneDimensionSnippet(s.curve, s.x0, s.lr, s.steps),
});
