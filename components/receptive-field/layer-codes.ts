/**
 * Plain layer stacks as flat number lists, so an edited network fits in the URL as numbers only:
 * six numbers per layer — kind (0 conv, 1 max pool, 2 average pool), kernel, stride, padding, dilation, ceil mode.
 */
import { presets, type Layer } from '../../src/compute';

export const KIND_CODES = ['conv', 'maxpool', 'avgpool'] as const;
export const NUMBERS_PER_LAYER = 6;
export const MAX_LAYERS = 40;

/** Presets the table can edit: plain stacks with square kernels. */
export const EDITABLE_PRESETS: readonly string[] = ['alexnet', 'vgg16', 'zf5', 'torchvision/alexnet', 'torchvision/vgg16', 'torchvision/vgg19'];

const single = (value: Layer['kernel'], fallback: number): number =>
  value === undefined ? fallback : typeof value === 'number' ? value : value[1];

/** Encodes a plain stack (names are kept separately). */
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

/** What is wrong with a flat list as a layer stack (null if nothing): whole layers, known kinds, sizes ≥ 1, 0/1 flags. */
export function checkLayerCodes(codes: readonly number[]): string | null {
  if (codes.length % NUMBERS_PER_LAYER !== 0) return 'The layer list must have six numbers per layer.';
  for (let at = 0; at < codes.length; at += NUMBERS_PER_LAYER) {
    const [kind, kernel, stride, , dilation, ceil] = codes.slice(at, at + NUMBERS_PER_LAYER) as number[];
    const layer = at / NUMBERS_PER_LAYER + 1;
    if (!KIND_CODES[kind!]) return `Layer ${layer} has an unknown kind code ${kind} (0 conv, 1 max pool, 2 average pool).`;
    if (kernel! < 1 || stride! < 1 || dilation! < 1) return `Layer ${layer}: kernel, stride and dilation must be at least 1.`;
    if (ceil !== 0 && ceil !== 1) return `Layer ${layer}: ceil mode must be 0 or 1.`;
  }
  return null;
}

/** Decodes a flat list checked by checkLayerCodes; layer i is named names[i] (or its kind and position). */
export function decodeLayers(codes: readonly number[], names: readonly string[] = []): Layer[] {
  const layers: Layer[] = [];
  for (let at = 0; at < codes.length; at += NUMBERS_PER_LAYER) {
    const [kind, kernel, stride, padding, dilation, ceil] = codes.slice(at, at + NUMBERS_PER_LAYER) as number[];
    const index = at / NUMBERS_PER_LAYER;
    const kindName = KIND_CODES[kind!] ?? 'conv';
    const layer: Layer = { name: names[index] || defaultLayerName(kindName, index), kind: kindName, kernel: kernel!, stride: stride!, padding: padding!, dilation: dilation! };
    if (ceil === 1) layer.ceilMode = true;
    layers.push(layer);
  }
  return layers;
}

/** The name a new or unnamed layer gets: its kind and 1-based position ("conv3"). */
export const defaultLayerName = (kind: string, index: number): string => `${kind}${index + 1}`;

/** The layer names of an editable preset. */
export const presetLayerNames = (key: string): string[] => (presets[key]?.layers ?? []).map((layer, i) => layer.name ?? defaultLayerName(layer.kind, i));

/** A layer setting for display: "3", "1×7", or empty where a merge has none. */
export const describeSetting = (value: Layer['kernel']): string =>
  value === undefined ? '' : typeof value === 'number' ? String(value) : value.join('×');
