/** Depth versus reach: the effective receptive field of a stack of convolutions, declared once (components/README.md). */
import { choiceField, flagField, numberField, numberOptions } from '../lib/fields';
import { defineSpec } from '../lib/spec';

export const erfDepthSpec = defineSpec({
  tag: 'erf-depth',
  title: 'Depth versus reach: the effective receptive field',
  fields: {
    depth: numberField({ label: 'Layers n', noun: 'The number of layers', min: 1, max: 40, integer: true, default: 10, size: 4, slider: { min: 1, max: 40, step: 1 } }),
    kernel: choiceField({ label: 'Kernel k×k', options: numberOptions([3, 5, 7], (k) => `${k}×${k}`), default: 3 }),
    weights: choiceField({
      label: 'Weights',
      radios: true,
      options: [
        { value: 'uniform', text: 'uniform (every weight 1/k²)' },
        { value: 'random', text: 'random (PyTorch’s default)' },
        { value: 'signs', text: 'one ±1 pattern in every layer' },
      ],
      default: 'uniform',
    }),
    relu: flagField({ label: 'ReLU between layers', default: false }),
    strided: numberField({ label: 'Stride-2 layers', noun: 'The number of stride-2 layers', min: 0, max: 4, integer: true, default: 0, size: 3 }),
    dilation: numberField({ label: 'Dilation', min: 1, max: 4, integer: true, default: 1, size: 3 }),
    size: choiceField({ label: 'Input size', options: [{ value: 0, text: 'the field plus 8 (up to 129)' }, ...numberOptions([32, 64, 128], (n) => `${n}×${n}`)], default: 0 }),
    seed: numberField({ label: 'Seed', min: 0, max: 9999, integer: true, default: 1, size: 5 }),
  },
  // More stride-2 layers than layers is not a stack: the count follows the depth down.
  normalize: (state) => ({ ...state, strided: Math.min(state.strided, state.depth) }),
  snippet: (s) =>
    [
      "import { convStack, effectiveReceptiveField } from './src/compute';",
      `const stack = convStack({ depth: ${s.depth}, kernel: ${s.kernel}, weights: '${s.weights}', relu: ${s.relu}, strided: ${s.strided}, dilation: ${s.dilation}${s.size ? `, inputSize: ${s.size}` : ''}, seed: ${s.seed} });`,
      `const { map, std, mass95, theoretical } = effectiveReceptiveField(stack${s.relu ? `, { samples: 16, seed: ${s.seed} }` : ''});`,
      '// std: the spread per axis in pixels; mass95: the side of the square holding 95 % of the map; theoretical.rf: the field',
      '({ std, mass95, field: theoretical.rf })',
    ].join('\n'),
});
