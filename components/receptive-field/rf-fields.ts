/** Fields the receptive-field widgets share: a network chosen among the presets, and one of its layers. */
import { presets } from '../../src/compute';
import { choiceField, numberField } from '../lib/fields';

/** A choice among `keys` of the compute package's presets, shown by title ("torchvision ResNet-50", not its key). */
export const presetField = <const K extends string>(keys: readonly K[], fallback: K) =>
  choiceField({ label: 'Network', options: keys.map((key) => ({ value: key, text: presets[key]!.title })), default: fallback });

/** A 1-based layer of the chosen network, picked in a select the widget fills (layer-select.ts). */
export const layerField = (label: string, fallback: number, max = 400) => numberField({ label, min: 1, max, integer: true, default: fallback, custom: true });

/** The layers of a preset. */
export const layersOf = (key: string) => presets[key]!.layers;
