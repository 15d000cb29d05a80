/** The parameter counter, declared once (see components/README.md). */
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { parameterSnippet } from './snippets';

export const parameterCounterSpec = defineSpec({
  tag: 'conv-parameter-counter',
  title: 'How many weights? Four ways to connect an image to hidden units',
  fields: {
    side: numberField({ label: 'Image side (pixels)', noun: 'The image side', min: 1, max: 10_000, integer: true, default: 1000, size: 7 }),
    hidden: numberField({ label: 'Hidden units', noun: 'The number of hidden units', min: 1, max: 1e8, integer: true, default: 1_000_000, size: 10 }),
    window: numberField({ label: 'Window side', min: 1, max: 10_000, integer: true, default: 10, size: 4 }),
    kernels: numberField({ label: 'Kernels', noun: 'The number of kernels', min: 1, max: 10_000, integer: true, default: 100, size: 6 }),
  },
  snippet: (s) => parameterSnippet(s.side, s.hidden, s.window, s.kernels),
});
