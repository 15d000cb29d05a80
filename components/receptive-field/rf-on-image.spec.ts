/** A receptive field on a picture, declared once (see components/README.md). */
import { analyze, presets, receptiveFieldRegion } from '../../src/compute';
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { layerField, layersOf, presetField } from './rf-fields';

/** The chosen layer's geometry at the chosen input size (throws RangeError if the map shrinks to nothing). */
export const chosenLayer = (state: { preset: string; input: number; layer: number }) => analyze(layersOf(state.preset), state.input)[state.layer - 1]!;

export const rfOnImageSpec = defineSpec({
  tag: 'rf-on-image',
  title: 'A receptive field on a picture',
  fields: {
    // It opens where the text above it leaves off: AlexNet's pool5 at 224, unit (0, 0), whose field starts 64 pixels out.
    preset: presetField(Object.keys(presets), 'alexnet'),
    layer: layerField('Layer', 8),
    input: numberField({ label: 'Input size (pixels)', noun: 'The input size', min: 16, max: 1024, integer: true, default: 224, size: 5 }),
    /** The unit, by row and column of the layer's map. */
    row: numberField({ min: 0, max: 1024, integer: true, default: 0 }),
    col: numberField({ min: 0, max: 1024, integer: true, default: 0 }),
  },
  // A new network starts at its own input size and last layer; a new layer or size at its first unit.
  effects: {
    preset: (state) => ({ input: presets[state.preset]!.inputSize, layer: layersOf(state.preset).length, row: 0, col: 0 }),
    layer: () => ({ row: 0, col: 0 }),
    input: () => ({ row: 0, col: 0 }),
  },
  normalize(state) {
    const layer = Math.min(state.layer, layersOf(state.preset).length);
    const [h, w] = chosenLayer({ ...state, layer }).outputSize;
    return { ...state, layer, row: Math.min(state.row, h - 1), col: Math.min(state.col, w - 1) };
  },
  snippet(state) {
    const result = chosenLayer(state);
    const [top, bottom] = receptiveFieldRegion(result, state.row, 0);
    const [left, right] = receptiveFieldRegion(result, state.col, 1);
    return `import { analyze, receptiveFieldRegion, presets } from './src/compute';\nconst layer = analyze(presets['${state.preset}'].layers, ${state.input})[${state.layer - 1}];\nreceptiveFieldRegion(layer, ${state.row}, 0); // rows → [${top}, ${bottom}]\nreceptiveFieldRegion(layer, ${state.col}, 1); // columns → [${left}, ${right}]`;
  },
});
