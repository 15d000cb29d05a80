/** The editable network table, declared once (see components/README.md). */
import { analyze, presets } from '../../src/compute';
import { choiceField, namesField, numberField, numbersField, sameValue } from '../lib/fields';
import { formatForCode } from '../lib/format';
import { defineSpec } from '../lib/spec';
import { checkLayerCodes, decodeLayers, defaultLayerName, EDITABLE_PRESETS, encodeLayers, KIND_CODES, MAX_LAYERS, NUMBERS_PER_LAYER, presetLayerNames } from './layer-codes';

/** Whether the table shows editable rows for this choice (plain stacks), or a branching preset read-only. */
export const isEditable = (preset: string): boolean => preset === 'custom' || EDITABLE_PRESETS.includes(preset);

/** The network the table analyses: the edited stack, or a branching preset as it is. */
export const tableNetwork = (state: { preset: string; layers: number[]; names: string[] }) =>
  isEditable(state.preset) ? decodeLayers(state.layers, state.names) : presets[state.preset]!.layers;

export const networkTableSpec = defineSpec({
  tag: 'network-table',
  title: 'Receptive fields, layer by layer',
  fields: {
    preset: choiceField({
      label: 'Network',
      options: [...Object.entries(presets).map(([key, p]) => ({ value: key, text: `${key}: ${p.title}` })), { value: 'custom', text: 'custom (your own stack)' }] as { value: string; text: string }[],
      default: 'alexnet',
    }),
    input: numberField({ label: 'Input size (pixels)', noun: 'The input size', min: 1, max: 4096, integer: true, default: 224 }),
    /** The plain stack being edited, six numbers per layer (layer-codes.ts). */
    layers: numbersField({ noun: 'The layer list', min: 0, max: 1024, integer: true, minLength: NUMBERS_PER_LAYER, maxLength: NUMBERS_PER_LAYER * MAX_LAYERS, default: encodeLayers(presets['alexnet']!.layers), custom: true, check: checkLayerCodes }),
    names: namesField({ maxChars: 32, minLength: 1, maxLength: MAX_LAYERS, default: presetLayerNames('alexnet'), custom: true }),
  },
  // A plain preset loads its layers; a branching one is shown as it is; "custom" keeps the last edited stack.
  effects: {
    preset: (state) => {
      if (state.preset === 'custom') return {};
      const preset = presets[state.preset]!;
      return EDITABLE_PRESETS.includes(state.preset)
        ? { input: preset.inputSize, layers: encodeLayers(preset.layers), names: presetLayerNames(state.preset) }
        : { input: preset.inputSize };
    },
  },
  normalize(state) {
    const count = state.layers.length / NUMBERS_PER_LAYER;
    const names = Array.from({ length: count }, (_, i) => state.names[i] || defaultLayerName(KIND_CODES[state.layers[i * NUMBERS_PER_LAYER]!] ?? 'conv', i));
    // A plain preset whose layers were edited (by the reader or in a link) is a custom stack now.
    const edited = EDITABLE_PRESETS.includes(state.preset) && !sameValue(state.layers, encodeLayers(presets[state.preset]!.layers));
    return { ...state, names, preset: edited ? 'custom' : state.preset };
  },
  snippet(state) {
    const network = tableNetwork(state);
    const last = analyze(network, state.input).at(-1)!;
    const call = state.preset === 'custom'
      ? `analyze(${JSON.stringify(network.map(({ name: _n, ...layer }) => layer))}, ${formatForCode(state.input)});`
      : `analyze(presets['${state.preset}'].layers, ${state.input});`;
    return `import { analyze, presets } from './src/compute';\n${call}\n// last row: ${JSON.stringify(last)}`;
  },
});
