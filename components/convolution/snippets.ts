/** The "reproduce in code" snippets of the convolution widgets, shared by the server render and the client. */
import { arrayForCode } from '../lib/format';
import type { Matrix } from '../lib/fields';

const shape = (dims: readonly number[]) => `[${dims.join(', ')}]`;

/** conv2d and windowTerms on a one-channel input and one kernel. */
export function slidingWindowSnippet(
  input: Matrix,
  kernel: Matrix,
  options: { s: number; p: number; d: number },
  at: readonly [number, number],
): string {
  return [
    "import { conv2d, windowTerms } from './src/compute';",
    `const input = { shape: ${shape([1, input.rows, input.cols])}, data: Float64Array.from(${arrayForCode(input.values)}) };`,
    `const weight = { shape: ${shape([1, 1, kernel.rows, kernel.cols])}, data: Float64Array.from(${arrayForCode(kernel.values)}) };`,
    `const options = { stride: ${options.s}, padding: ${options.p}, dilation: ${options.d} };`,
    'const map = conv2d(input, weight, null, options);',
    `const { terms, sum } = windowTerms(input, weight, null, { kernel: 0, y: ${at[0]}, x: ${at[1]} }, options);`,
    'sum',
  ].join('\n');
}

/** parameterCounts for the parameter counter. */
export const parameterSnippet = (side: number, hidden: number, window: number, kernels: number): string =>
  `import { parameterCounts } from './src/compute';\nparameterCounts(${side}, ${hidden}, ${window}, ${kernels});`;

/** conv2d on an RGB input, and the same numbers by im2col and one matrix product. */
export function computationModelSnippet(size: number, kernels: number, k: number, s: number, p: number, seed: number): string {
  return [
    "import { conv2d, im2col, kernelMatrix, matmul, seededRandom } from './src/compute';",
    `const random = seededRandom(${seed});`,
    '// small whole numbers, as in the widget: inputs 0…9, weights −2…2',
    `const input = { shape: [3, ${size}, ${size}], data: Float64Array.from({ length: ${3 * size * size} }, () => Math.floor(random() * 10)) };`,
    `const weight = { shape: [${kernels}, 3, ${k}, ${k}], data: Float64Array.from({ length: ${kernels * 3 * k * k} }, () => Math.floor(random() * 5) - 2) };`,
    `const options = { stride: ${s}, padding: ${p} };`,
    'const maps = conv2d(input, weight, null, options);',
    `const same = matmul(kernelMatrix(weight), im2col(input, ${k}, options)); // same numbers, shape [O, Hₒ·Wₒ]`,
    'maps',
  ].join('\n');
}

/** The playground's pipeline for one kernel. */
export function playgroundSnippet(kernel: readonly number[], size: number, s: number, d: number, padded: boolean, useRelu: boolean): string {
  const padding = padded ? (d * (size - 1)) / 2 : 0;
  const call = `conv2d(image, { shape: [1, 1, ${size}, ${size}], data: Float32Array.from(${arrayForCode(kernel, 4)}) }, null, { stride: ${s}, padding: ${padding}, dilation: ${d} })`;
  return [
    "import { conv2d, grayscale, relu, toGrayLevels } from './src/compute';",
    '// A 16×16 stand-in for the photo: a left-to-right ramp, RGBA bytes as a canvas gives them.',
    'const [width, height] = [16, 16];',
    'const rgbaBytes = Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 ? 255 : ((i >> 2) % width) * 16));',
    'const image = grayscale(rgbaBytes, width, height);   // [1, H, W], values 0…1',
    `const map = ${useRelu ? `relu(${call})` : call};`,
    'const { levels } = toGrayLevels(map.data);            // bytes 0…255 for a canvas',
    'map',
  ].join('\n');
}
