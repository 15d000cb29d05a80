/** Logits to probabilities, declared once (see components/README.md). */
import { numberField, numbersField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { explorerSnippet } from './snippets';

/** Logit lists the reader can load in one go: the overflow ones show why softmax subtracts the maximum. */
export const LOGIT_PRESETS = [
  { text: '(2, 1, 0.1)', values: [2, 1, 0.1] },
  { text: 'four equal logits', values: [1, 1, 1, 1] },
  { text: 'a near tie', values: [5, 4.9, 0] },
  { text: 'overflow: (88, 89, 90, 710)', values: [88, 89, 90, 710] },
  { text: '(1000, −1000, 999)', values: [1000, -1000, 999] },
];

export const softmaxExplorerSpec = defineSpec({
  tag: 'softmax-explorer',
  title: 'Logits to probabilities',
  fields: {
    logits: numbersField({ noun: 'The logits', min: -1000, max: 1000, minLength: 2, maxLength: 8, default: [2, 1, 0.1], custom: true }),
    t: numberField({ label: 'Temperature T', min: 0.05, max: 20, default: 1, size: 7, slider: { min: -1.3, max: 1.3, step: 0.01, log10: true } }),
  },
  snippet: (s) => explorerSnippet(s.logits, s.t),
});
