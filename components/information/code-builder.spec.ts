/** The Huffman code builder, declared once (see components/README.md). */
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { outcomeNamesField, weightsField, withNames } from './distribution';
import { huffmanSnippet } from './snippets';

export const codeBuilderSpec = defineSpec({
  tag: 'code-builder',
  title: 'Build the shortest code',
  fields: {
    p: weightsField([0.35, 0.2, 0.15, 0.12, 0.1, 0.08]),
    names: outcomeNamesField(['e', 't', 'a', 'o', 'i', 'n']),
    n: numberField({ label: 'Message length', noun: 'The message length', min: 1, max: 5000, integer: true, default: 200, hint: '1 to 5000 symbols' }),
    /** Which random message is drawn ("Draw a new message" moves it on). */
    seed: numberField({ min: 0, max: 999_999, integer: true, default: 1 }),
  },
  normalize: (state) => withNames(state, state.p.length),
  snippet: (s) => huffmanSnippet(s.p),
});
