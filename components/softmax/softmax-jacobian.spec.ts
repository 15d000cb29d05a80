/** The softmax Jacobian, checked numerically, declared once (see components/README.md). */
import { choiceField, numberField, numbersField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { jacobianSnippet } from './snippets';

export const softmaxJacobianSpec = defineSpec({
  tag: 'softmax-jacobian',
  title: 'The softmax Jacobian, checked numerically',
  fields: {
    logits: numbersField({ label: 'Logits z', min: -100, max: 100, minLength: 2, maxLength: 6, default: [2, 1, 0.1] }),
    t: numberField({ label: 'Temperature T', min: 0.05, max: 20, default: 1 }),
    h: choiceField({
      label: 'Finite-difference step h',
      options: [
        { value: '0.001', text: '10⁻³' },
        { value: '0.00001', text: '10⁻⁵' },
        { value: '1e-7', text: '10⁻⁷' },
        { value: '1e-10', text: '10⁻¹⁰' },
      ],
      default: '0.00001',
    }),
  },
  snippet: (s) => jacobianSnippet(s.logits, s.t),
});
