/** The RF explorer (one unit followed down to the image), declared once (see components/README.md). */
import { analyze, presets, receptiveFieldRegion } from '../../src/compute';
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { layerField, layersOf, presetField } from './rf-fields';

/** Units across the top layer (its width). */
export const topSize = (state: { preset: string; layer: number }): number =>
  analyze(layersOf(state.preset).slice(0, state.layer), presets[state.preset]!.inputSize).at(-1)!.outputSize[1];

export const rfExplorerSpec = defineSpec({
  tag: 'rf-explorer',
  title: 'Follow one unit down to the image',
  fields: {
    preset: presetField(['alexnet', 'zf5', 'vgg16'], 'alexnet'),
    layer: layerField('Top layer', 8, 64),
    /** The unit of the top layer, 0-based. */
    unit: numberField({ min: 0, max: 4096, integer: true, default: 2 }),
  },
  // A new network starts at its last layer; a new layer at its first unit.
  effects: {
    preset: (state) => ({ layer: layersOf(state.preset).length, unit: 0 }),
    layer: () => ({ unit: 0 }),
  },
  normalize(state) {
    const layer = Math.min(state.layer, layersOf(state.preset).length);
    return { ...state, layer, unit: Math.min(state.unit, topSize({ ...state, layer }) - 1) };
  },
  snippet(state) {
    const rows = analyze(layersOf(state.preset), presets[state.preset]!.inputSize);
    const region = receptiveFieldRegion(rows[state.layer - 1]!, state.unit);
    return `import { analyze, receptiveFieldRegion, presets } from './src/compute';\nconst rows = analyze(presets['${state.preset}'].layers, ${presets[state.preset]!.inputSize});\nreceptiveFieldRegion(rows[${state.layer - 1}], ${state.unit}); // → [${region.join(', ')}] in image pixels`;
  },
});
