/**
 * Plain layer stacks as flat number lists, so an edited network fits in the URL as numbers only:
 * six numbers per layer — kind (0 conv, 1 max pool, 2 average pool), kernel, stride, padding, dilation, ceil mode.
 */
import type { Layer } from '../../src/compute';

export const KIND_CODES = ['conv', 'maxpool', 'avgpool'] as const;
export const NUMBERS_PER_LAYER = 6;
export const MAX_LAYERS = 40;

/** Presets the table can edit: plain stacks with square kernels. */
export const EDITABLE_PRESETS = ['alexnet', 'vgg16', 'zf5', 'torchvision/alexnet', 'torchvision/vgg16', 'torchvision/vgg19'] as const;

const single = (value: Layer['kernel'], fallback: number): number =>
  value === undefined ? fallback : typeof value === 'number' ? value : value[1];

/** Encodes a plain stack (names are regenerated as the kind plus position on decoding). */
export function encodeLayers(layers: readonly Layer[]): number[] {
  return layers.flatMap((layer) => [
    Math.max(0, KIND_CODES.indexOf(layer.kind as (typeof KIND_CODES)[number])),
    single(layer.kernel, 1),
    single(layer.stride, 1),
    single(layer.padding, 0),
    single(layer.dilation, 1),
    layer.ceilMode ? 1 : 0,
  ]);
}

/** Decodes a flat list; throws RangeError when it does not describe whole layers of known kinds. */
export function decodeLayers(codes: readonly number[], names?: readonly string[]): Layer[] {
  if (codes.length % NUMBERS_PER_LAYER !== 0) throw new RangeError('The layer list must have six numbers per layer.');
  const layers: Layer[] = [];
  for (let at = 0; at < codes.length; at += NUMBERS_PER_LAYER) {
    const [kind, kernel, stride, padding, dilation, ceil] = codes.slice(at, at + NUMBERS_PER_LAYER) as number[];
    const kindName = KIND_CODES[kind!];
    if (!kindName) throw new RangeError(`Layer ${at / NUMBERS_PER_LAYER + 1}: unknown kind code ${kind}.`);
    const index = at / NUMBERS_PER_LAYER;
    const layer: Layer = { name: names?.[index] ?? `${kindName}${index + 1}`, kind: kindName, kernel: kernel!, stride: stride!, padding: padding!, dilation: dilation! };
    if (ceil === 1) layer.ceilMode = true;
    layers.push(layer);
  }
  return layers;
}

/** A layer setting for display: "3", "1×7", or empty where a merge has none. */
export const describeSetting = (value: Layer['kernel']): string =>
  value === undefined ? '' : typeof value === 'number' ? String(value) : value.join('×');
