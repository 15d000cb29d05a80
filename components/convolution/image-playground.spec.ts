/** The image playground, declared once (see components/README.md). */
import { imageKernels } from '../../src/compute';
import { flagField, matrixField, numberField, setField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { playgroundSnippet } from './snippets';

/** The classic kernels, in the compute package's order; the field stores their positions. */
export const KERNELS = Object.values(imageKernels);

export const imagePlaygroundSpec = defineSpec({
  tag: 'conv-image-playground',
  title: 'Kernels on a picture',
  fields: {
    k: setField({ label: 'Kernels (pick several)', options: KERNELS.map((kernel, i) => ({ value: i, text: kernel.label })), default: [1, 5, 6, 7] }),
    cu: flagField({ label: 'Also your own kernel', default: false }),
    c: matrixField({ label: 'Your kernel', maxRows: 5, maxCols: 5, min: -99, max: 99, shapes: ['3×3', '5×5'], hint: '3×3 or 5×5, one row per line', default: { rows: 3, cols: 3, values: [0, 0, 0, 0, 2, 0, 0, 0, -1] } }),
    relu: flagField({ label: 'ReLU (max(0, x))', default: false }),
    same: flagField({ label: 'Zero padding that keeps the size at stride 1', default: true }),
    s: numberField({ label: 'Stride', min: 1, max: 4, integer: true, default: 1, size: 3 }),
    d: numberField({ label: 'Dilation', min: 1, max: 4, integer: true, default: 1, size: 3 }),
  },
  // Typing a kernel of your own turns it on.
  effects: { c: () => ({ cu: true }) },
  snippet(state) {
    const first = state.k.length > 0 ? KERNELS[state.k[0]!]! : state.cu ? { values: state.c.values, size: state.c.rows } : { values: [1], size: 1 };
    return playgroundSnippet(first.values, first.size, state.s, state.d, state.same, state.relu);
  },
});
