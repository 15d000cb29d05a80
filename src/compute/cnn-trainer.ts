/**
 * Training a network on handwritten digits: mini-batches in a seeded shuffled order (the last, smaller batch kept,
 * as PyTorch's DataLoader does), optional augmentation by random shifts of up to two pixels, any optimiser from
 * chapter 7 stepping the flat parameter vector in place, and evaluation with a confusion matrix. The CNN lab's
 * worker and `npm run train` both run this, so a seeded run gives the same numbers in the page and in Node.
 */
import { assertWholeNumber } from './checks.ts';
import { createOptimizer, type OptimizerConfig } from './optimizers.ts';
import { seededRandom } from './random.ts';
import { digitInput, shuffle, type DigitSet } from './digits.ts';
import { logSoftmax } from './softmax.ts';
import type { Network } from './network.ts';
import type { Tensor } from './tensor.ts';

/** How to train. */
export interface CnnTrainingOptions {
  optimizer: OptimizerConfig;
  batchSize: number;
  seed: number;
  /** Shift each training digit by a random whole number of pixels in [−2, 2] on each axis. */
  augment?: boolean;
  /** PyTorch's StepLR: multiply the learning rate by `factor` after every `every` epochs. */
  schedule?: { every: number; factor: number };
}

/** Loss, accuracy and where the mistakes are, on a set of digits. */
export interface Evaluation {
  loss: number;
  accuracy: number;
  /** confusion[truth · 10 + predicted]: how often a digit of class `truth` was called `predicted`. */
  confusion: Int32Array;
  /** The digits classified wrongly (indices into the digit set), in order. */
  wrong: number[];
}

/** Index of the largest value. */
export const argmax = (values: ArrayLike<number>): number => {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
};

/** Creates a trainer of `network` on the digits `train` of `data` (indices), stepping one mini-batch at a time. */
export function createCnnTrainer(network: Network, data: DigitSet, train: ArrayLike<number>, options: CnnTrainingOptions) {
  assertWholeNumber(options.batchSize, 'The batch size', 1, 10_000);
  if (options.schedule) {
    assertWholeNumber(options.schedule.every, 'The epochs between learning-rate steps', 1, 1000);
    if (!(options.schedule.factor > 0 && options.schedule.factor <= 1)) throw new RangeError(`The learning-rate factor must be in (0, 1], but is ${options.schedule.factor}.`);
  }
  if (train.length === 0) throw new RangeError('There are no training digits.');
  const optimizer = createOptimizer(options.optimizer);
  const random = seededRandom(options.seed);
  const order = Array.from(train);
  const params = network.parameters();
  const gradient = new Float64Array(network.parameterCount);
  const pixels = data.rows * data.cols;
  const buffers = Array.from({ length: options.batchSize }, () => new Float64Array(pixels));
  let position = order.length; // start of the next batch; at the end, a new epoch is shuffled
  let epoch = 0;
  let steps = 0;
  let seen = 0;
  const shift = (): [number, number] => (options.augment ? [Math.floor(random() * 5) - 2, Math.floor(random() * 5) - 2] : [0, 0]);

  return {
    /** Completed passes over the training digits, with the fraction of the current one. */
    get epoch(): number {
      return epoch - 1 + Math.min(1, position / order.length);
    },
    get steps(): number {
      return steps;
    },
    /** The learning rate of the epoch under way (a schedule changes it with the first step of the next epoch). */
    get learningRate(): number {
      return optimizer.learningRate;
    },
    /** Training digits seen so far (a digit seen twice counts twice). */
    get examples(): number {
      return seen;
    },
    /** One optimiser step on the next mini-batch; returns its mean loss (nats) and how many it classified right. */
    step(): { loss: number; correct: number; size: number } {
      if (position >= order.length) {
        shuffle(order, random);
        position = 0;
        epoch++;
        const schedule = options.schedule;
        if (schedule && epoch > 1 && (epoch - 1) % schedule.every === 0) optimizer.learningRate *= schedule.factor;
      }
      const batch = order.slice(position, position + options.batchSize);
      position += batch.length;
      const inputs: Tensor[] = batch.map((index, k) => digitInput(data, index, shift(), buffers[k]));
      const { loss, correct } = network.accumulateGradient(inputs, batch.map((index) => data.labels[index]!), gradient);
      optimizer.update(params, gradient);
      network.setParameters(params);
      steps++;
      seen += batch.length;
      return { loss, correct, size: batch.length };
    },
  };
}

/** Mean cross-entropy (nats), accuracy, confusion matrix and mistakes of `network` on the digits `indices`. */
export function evaluateDigits(network: Network, data: DigitSet, indices: ArrayLike<number>): Evaluation {
  if (indices.length === 0) throw new RangeError('There are no digits to evaluate on.');
  const confusion = new Int32Array(100);
  const wrong: number[] = [];
  const buffer = new Float64Array(data.rows * data.cols);
  let loss = 0;
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    const truth = data.labels[index]!;
    const logits = network.forward(digitInput(data, index, [0, 0], buffer)).data;
    loss -= logSoftmax(Array.from(logits))[truth]!;
    const predicted = argmax(logits);
    confusion[truth * 10 + predicted]!++;
    if (predicted !== truth) wrong.push(index);
  }
  return { loss: loss / indices.length, accuracy: 1 - wrong.length / indices.length, confusion, wrong };
}
