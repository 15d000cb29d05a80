/** The computation model (RGB in, O maps out), declared once (see components/README.md). */
import { convOutputSize } from '../../src/compute';
import { choiceField, flagField, numberField, numberOptions } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { computationModelSnippet } from './snippets';

export const computationModelSpec = defineSpec({
  tag: 'conv-computation-model',
  title: '3 channels in, O feature maps out',
  fields: {
    n: choiceField({ label: 'Input side n', options: numberOptions([3, 4, 5, 6]), default: 4 }),
    o: choiceField({ label: 'Kernels O', options: numberOptions([1, 2, 3, 4]), default: 2 }),
    k: choiceField({ label: 'Kernel side k', options: numberOptions([1, 2, 3]), default: 3 }),
    s: choiceField({ label: 'Stride s', options: numberOptions([1, 2]), default: 1 }),
    p: choiceField({ label: 'Padding p', options: numberOptions([0, 1]), default: 1 }),
    im2col: flagField({ label: 'Show as im2col × kernel matrix', default: false }),
    /** The numbers are drawn from this seed ("New numbers" moves it on). */
    seed: numberField({ min: 1, max: 9999, integer: true, default: 1 }),
    /** The selected kernel (0-based) and output position (row-major). */
    ko: numberField({ min: 0, max: 3, integer: true, default: 0 }),
    at: numberField({ min: 0, max: 63, integer: true, default: 0 }),
  },
  normalize(state) {
    const side = convOutputSize(state.n, state.k, state.s, state.p);
    return { ...state, ko: Math.min(state.ko, state.o - 1), at: Math.min(state.at, side * side - 1) };
  },
  snippet: (s) => computationModelSnippet(s.n, s.o, s.k, s.s, s.p, s.seed),
});
