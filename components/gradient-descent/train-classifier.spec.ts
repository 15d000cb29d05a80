/** The live classifier, declared once (see components/README.md). */
import { DATASET_KINDS, type DatasetKind, type OptimizerConfig } from '../../src/compute';
import { choiceField, numberField, numberOptions } from '../lib/fields';
import { defineSpec } from '../lib/spec';
import { trainSnippet } from './snippets';

const DATASET_TEXT: Record<DatasetKind, string> = { blobs: 'Three blobs', moons: 'Two moons', spiral: 'Three-arm spiral' };
const OPTIMIZERS = [
  { value: 'sgd', text: 'SGD' },
  { value: 'momentum', text: 'SGD, momentum 0.9' },
  { value: 'rmsprop', text: 'RMSprop' },
  { value: 'adagrad', text: 'Adagrad' },
  { value: 'adam', text: 'Adam' },
] as const;

/** The torch.optim settings of an optimiser choice. */
export const configFor = (opt: (typeof OPTIMIZERS)[number]['value'], lr: number): OptimizerConfig =>
  opt === 'momentum' ? { type: 'sgd', lr, momentum: 0.9 } : { type: opt, lr };

/** Points in every data set. */
export const POINTS = 300;

export const trainClassifierSpec = defineSpec({
  tag: 'gd-train-classifier',
  title: 'Train a classifier, live',
  fields: {
    data: choiceField({ label: 'Data', options: DATASET_KINDS.map((kind) => ({ value: kind, text: DATASET_TEXT[kind] })), default: 'spiral' }),
    degree: choiceField({ label: 'Features', options: numberOptions([1, 2, 3, 4, 5, 6], (d) => (d === 1 ? 'x, y (linear)' : `polynomial, degree ${d}`)), default: 5 }),
    opt: choiceField({ label: 'Optimiser', options: OPTIMIZERS, default: 'adam' }),
    lr: numberField({ label: 'Learning rate η', min: 0.0001, max: 10, default: 0.05, size: 7 }),
    batch: choiceField({ label: 'Batch size', options: numberOptions([1, 10, 30, POINTS], (b) => (b === POINTS ? `${POINTS} (all: full batch)` : String(b))), default: 30 }),
    /** Which random data set is drawn ("New data" moves it on). */
    seed: numberField({ min: 1, max: 9999, integer: true, default: 1 }),
  },
  snippet: (s) => trainSnippet(s.data, s.degree, s.batch, configFor(s.opt, s.lr), s.seed),
});
