/** The sliding window, declared once (see components/README.md). */
import { convOutputSize } from '../../src/compute';
import { matrixField, numberField, type Matrix } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { slidingWindowSnippet } from './snippets';

/** The output's rows and columns, or null where the kernel does not fit (render says why). */
export function outputSize(s: { x: Matrix; w: Matrix; s: number; p: number; d: number }): [number, number] | null {
  const rows = convOutputSize(s.x.rows, s.w.rows, s.s, s.p, s.d);
  const cols = convOutputSize(s.x.cols, s.w.cols, s.s, s.p, s.d);
  return rows >= 1 && cols >= 1 ? [rows, cols] : null;
}

export const slidingWindowSpec = defineSpec({
  tag: 'conv-sliding-window',
  title: 'The sliding window, one output at a time',
  fields: {
    x: matrixField({
      label: 'Input',
      maxRows: 9,
      maxCols: 9,
      min: -99,
      max: 99,
      default: { rows: 5, cols: 5, values: [1, 2, 0, 1, 3, 0, 1, 3, 2, 1, 2, 0, 1, 1, 0, 1, 3, 2, 0, 2, 0, 1, 1, 2, 1] },
    }),
    w: matrixField({ label: 'Kernel', maxRows: 5, maxCols: 5, min: -99, max: 99, default: { rows: 3, cols: 3, values: [1, 0, -1, 1, 0, -1, 1, 0, -1] } }),
    s: numberField({ label: 'Stride s', noun: 'The stride', min: 1, max: 4, integer: true, default: 1, size: 3 }),
    p: numberField({ label: 'Padding p', noun: 'The padding', min: 0, max: 3, integer: true, default: 0, size: 3 }),
    d: numberField({ label: 'Dilation d', noun: 'The dilation', min: 1, max: 3, integer: true, default: 1, size: 3 }),
    /** The selected output cell, row-major. */
    at: numberField({ min: 0, max: 224, integer: true, default: 0 }), // up to (9 + 2·3)² cells
  },
  normalize(state) {
    const size = outputSize(state);
    return size ? { ...state, at: Math.min(state.at, size[0] * size[1] - 1) } : state;
  },
  snippet(state): string {
    const cols = outputSize(state)?.[1] ?? 1;
    return slidingWindowSnippet(state.x, state.w, state, [Math.floor(state.at / cols), state.at % cols]);
  },
});
