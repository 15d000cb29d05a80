/** Gradients through a convolution, declared once (see components/README.md). */
import { convOutputSize } from '../../src/compute';
import { choiceField, matrixField, numberField, type Matrix } from '../lib/fields';
import { arrayForCode } from '../lib/format';
import { defineSpec } from '../lib/spec';

/** The output size for this input, kernel, stride and padding (below 1 where the kernel does not fit). */
export const outputShape = (s: { x: Matrix; w: Matrix; s: number; p: number }): [number, number] => [convOutputSize(s.x.rows, s.w.rows, s.s, s.p), convOutputSize(s.x.cols, s.w.cols, s.s, s.p)];

/** `g` reshaped to rows × cols: entries kept where they overlap, new ones 1. */
function reshape(g: Matrix, rows: number, cols: number): Matrix {
  if (g.rows === rows && g.cols === cols) return g;
  return { rows, cols, values: Array.from({ length: rows * cols }, (_, k) => (Math.floor(k / cols) < g.rows && k % cols < g.cols ? g.values[Math.floor(k / cols) * g.cols + (k % cols)]! : 1)) };
}

function fitGradient(state: { x: Matrix; w: Matrix; s: number; p: number; g: Matrix }): { g: Matrix } {
  const [rows, cols] = outputShape(state);
  return { g: rows >= 1 && cols >= 1 ? reshape(state.g, rows, cols) : state.g };
}

export const convGradientsSpec = defineSpec({
  tag: 'conv-gradients',
  title: 'Gradients through a convolution',
  fields: {
    x: matrixField({ label: 'Input', maxRows: 6, maxCols: 6, min: -9, max: 9, default: { rows: 4, cols: 4, values: [1, 2, 0, 1, 0, 1, 3, 2, 2, 0, 1, 1, 1, 3, 2, 0] } }),
    w: matrixField({ label: 'Kernel', maxRows: 3, maxCols: 3, min: -9, max: 9, default: { rows: 3, cols: 3, values: [1, 0, -1, 2, 0, -2, 1, 0, -1] } }),
    s: numberField({ label: 'Stride', min: 1, max: 2, integer: true, default: 1, size: 3 }),
    p: numberField({ label: 'Padding', min: 0, max: 1, integer: true, default: 0, size: 3 }),
    g: matrixField({ label: 'Output gradient ∂L/∂out', noun: 'The output gradient', maxRows: 8, maxCols: 8, min: -9, max: 9, default: { rows: 2, cols: 2, values: [1, -1, 0.5, 2] } }),
    pick: choiceField({ label: 'Follow the gradient of', radios: true, options: [{ value: 'weight', text: 'a weight' }, { value: 'input', text: 'an input value' }], default: 'weight' }),
    /** The chosen entry, row-major within the kernel or the input. */
    at: numberField({ min: 0, max: 35, integer: true, default: 0 }),
  },
  // A new input, kernel, stride or padding reshapes the output gradient to the new output (a typed gradient of the
  // wrong shape is explained instead); the chosen entry stays inside its matrix.
  effects: { x: fitGradient, w: fitGradient, s: fitGradient, p: fitGradient },
  normalize(state) {
    const size = state.pick === 'weight' ? state.w.values.length : state.x.values.length;
    return { ...state, at: Math.min(state.at, size - 1) };
  },
  snippet: (s) =>
    [
      "import { conv2dBackward, gradientTerms } from './src/compute';",
      `const input = { shape: [1, ${s.x.rows}, ${s.x.cols}], data: Float64Array.from(${arrayForCode(s.x.values)}) };`,
      `const weight = { shape: [1, 1, ${s.w.rows}, ${s.w.cols}], data: Float64Array.from(${arrayForCode(s.w.values)}) };`,
      `const grad = { shape: [1, ${s.g.rows}, ${s.g.cols}], data: Float64Array.from(${arrayForCode(s.g.values)}) };`,
      `const { gradInput, gradWeight } = conv2dBackward(input, weight, grad, { stride: ${s.s}, padding: ${s.p} });`,
      s.pick === 'weight'
        ? `gradientTerms(input, weight, grad, { weight: [0, 0, ${Math.floor(s.at / s.w.cols)}, ${s.at % s.w.cols}] }, { stride: ${s.s}, padding: ${s.p} });`
        : `gradientTerms(input, weight, grad, { input: [0, ${Math.floor(s.at / s.x.cols)}, ${s.at % s.x.cols}] }, { stride: ${s.s}, padding: ${s.p} });`,
    ].join('\n'),
});
