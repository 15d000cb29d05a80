/** The loss gradient s − y, declared once (see components/README.md). */
import { normalize, oneHot } from '../../src/compute';
import { choiceField, numberField, numbersField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { gradientSnippet } from './snippets';

/** The target the reader chose; throws RangeError when it does not fit the logits. */
export function targetOf(state: { logits: number[]; mode: 'class' | 'soft'; cls: number; soft: number[] }): number[] {
  const k = state.logits.length;
  if (state.mode === 'class') return oneHot(k, state.cls - 1);
  if (state.soft.length !== k) throw new RangeError(`The target weights need one entry per logit: ${k}, not ${state.soft.length}.`);
  return normalize(state.soft);
}

export const softmaxGradientSpec = defineSpec({
  tag: 'softmax-gradient',
  title: 'The loss gradient is s − y',
  fields: {
    logits: numbersField({ label: 'Logits z', min: -50, max: 50, minLength: 2, maxLength: 8, default: [2, 1, 0.1] }),
    mode: choiceField({ label: 'Target y', radios: true, options: [{ value: 'class', text: 'one true class' }, { value: 'soft', text: 'a soft target (weights, normalised to sum to 1)' }], default: 'class' }),
    cls: numberField({ label: 'True class', min: 1, max: 8, integer: true, default: 2, select: { optionText: 'class {n}' } }),
    soft: numbersField({ label: 'Target weights', min: 0, max: 1000, minLength: 2, maxLength: 8, default: [0, 1, 0] }),
    lr: numberField({ label: 'Learning rate η', min: 0, max: 10, default: 1 }),
  },
  // Choosing a class or typing weights picks that kind of target.
  effects: { cls: () => ({ mode: 'class' }), soft: () => ({ mode: 'soft' }) },
  normalize: (state) => ({ ...state, cls: Math.min(state.cls, state.logits.length) }),
  snippet: (s) => gradientSnippet(s.logits, targetOf(s), s.lr),
});
