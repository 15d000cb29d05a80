/** The entropy meter, declared once (see components/README.md). */
import { defineSpec } from '../lib/spec';
import { outcomeNamesField, weightsField, withNames } from './distribution';
import { entropySnippet } from './snippets';

export const entropyMeterSpec = defineSpec({
  tag: 'entropy-meter',
  title: 'Entropy meter',
  fields: {
    p: weightsField([0.5, 0.25, 0.125, 0.125]),
    names: outcomeNamesField(['a', 'b', 'c', 'd']),
  },
  normalize: (state) => withNames(state, state.p.length),
  snippet: (s) => entropySnippet(s.p),
});
