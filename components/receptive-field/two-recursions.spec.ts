/** Two recursions, one answer: declared once (see components/README.md). */
import { bottomUpSteps, topDownSteps } from '../../src/compute';
import { numberField } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { layerField, layersOf, presetField } from './rf-fields';

export const twoRecursionsSpec = defineSpec({
  tag: 'two-recursions',
  title: 'Two recursions, one answer',
  fields: {
    preset: presetField(['alexnet', 'vgg16', 'zf5'], 'alexnet'),
    layer: layerField('Receptive field of', 8, 64),
    /** How many steps of both recursions are shown. */
    step: numberField({ min: 0, max: 64, integer: true, default: 0 }),
  },
  effects: {
    preset: (state) => ({ layer: layersOf(state.preset).length, step: 0 }),
    layer: () => ({ step: 0 }),
  },
  normalize(state) {
    const layer = Math.min(state.layer, layersOf(state.preset).length);
    return { ...state, layer, step: Math.min(state.step, layer) };
  },
  snippet(state) {
    const upTo = state.layer - 1;
    const call = (name: string, steps: { rf: number }[]) => `${name}(presets['${state.preset}'].layers, ${upTo}).map((s) => s.rf); // → [${steps.map((s) => s.rf).join(', ')}]`;
    const layers = layersOf(state.preset);
    return `import { topDownSteps, bottomUpSteps, presets } from './src/compute';\n${call('topDownSteps', topDownSteps(layers, upTo))}\n${call('bottomUpSteps', bottomUpSteps(layers, upTo))}`;
  },
});
