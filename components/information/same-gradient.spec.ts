/** Cross-entropy and KL have one gradient, declared once (see components/README.md). */
import { numbersField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { OUTCOME_LIMITS, outcomeNamesField, weightsField, withNames } from './distribution';
import { sameGradientSnippet } from './snippets';

export const sameGradientSpec = defineSpec({
  tag: 'same-gradient',
  title: 'Cross-entropy and KL: one gradient',
  fields: {
    p: weightsField([0.7, 0.2, 0.1]),
    names: outcomeNamesField(['dog', 'cat', 'cup']),
    z: numbersField({ label: 'Logits z (q = softmax(z))', noun: 'The logits', min: -30, max: 30, ...OUTCOME_LIMITS, default: [0.5, 1, -0.5], hint: 'one per outcome, −30 to 30', size: 16 }),
  },
  normalize: (state) => withNames(state, state.p.length),
  snippet: (s) => sameGradientSnippet(s.p, s.z),
});
