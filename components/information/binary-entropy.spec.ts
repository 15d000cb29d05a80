/** The entropy of a coin, declared once (see components/README.md). */
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { binarySnippet } from './snippets';

export const binaryEntropySpec = defineSpec({
  tag: 'binary-entropy',
  title: 'The entropy of a coin',
  fields: {
    b: numberField({ label: 'Probability of heads b', noun: 'The probability', min: 0, max: 1, default: 0.9, hint: '0 to 1; or drag the point' }),
  },
  snippet: (s) => binarySnippet(s.b),
});
