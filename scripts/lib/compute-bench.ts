import { performance } from 'node:perf_hooks';
import { analyze, createOptimizer, createTrainer, makeDataset, presets, softmax, softmaxCrossEntropy, softmaxJacobian, surfaces, type Layer, type OptimizerConfig } from '../../src/compute';

/** One measured figure: how many calls per second, with a note on the input. */
export interface BenchResult {
  name: string;
  perSecond: number;
  note?: string;
}

/** Calls `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns calls per second. */
export function rate(fn: () => unknown, ms = 300): number {
  for (let i = 0; i < 200; i++) fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
    elapsed = performance.now() - start;
  }
  return (calls / elapsed) * 1000;
}

/** The compute benchmarks, one per chapter's hot path. Chapters add theirs here. */
export function computeBenchmarks(): BenchResult[] {
  const logits1000 = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
  const logits10 = logits1000.slice(0, 10);
  const target10 = logits10.map((_, i) => (i === 3 ? 1 : 0));
  // A 1,000-layer stack (3×3 convs, padding 1, a stride-2 layer every 100) for the receptive-field engine.
  const deep: Layer[] = Array.from({ length: 1000 }, (_, i) => ({ kind: 'conv', kernel: 3, padding: 1, stride: i % 100 === 99 ? 2 : 1 }));
  const analyzeDeep = rate(() => analyze(deep, 4096));
  return [
    { name: 'analyze, 1,000-layer network', perSecond: analyzeDeep, note: `${(1000 / analyzeDeep).toFixed(3)} ms per call (target < 5 ms)` },
    { name: 'analyze, torchvision/densenet121 (182 layers)', perSecond: rate(() => analyze(presets['torchvision/densenet121']!.layers, 224)) },
    ...(['sgd', 'adam', 'rmsprop', 'adagrad'] as const).map((type) => {
      const optimizer = createOptimizer({ type, lr: 1e-3 } as OptimizerConfig);
      let p = [-1.5, 2];
      return { name: `${type} steps on Rosenbrock`, perSecond: rate(() => (p = optimizer.step(p, surfaces.rosenbrock.gradient(p[0]!, p[1]!)))) };
    }),
    (() => {
      const data = makeDataset('spiral', 300, 1, { classes: 3 });
      const trainer = createTrainer(data, { degree: 3, batchSize: 32, optimizer: { type: 'adam', lr: 0.05 }, seed: 1 });
      const epochs = rate(() => trainer.epoch(), 500);
      return { name: 'classifier training, examples (cubic features, Adam)', perSecond: epochs * data.points.length };
    })(),
    { name: 'softmax, 10 logits', perSecond: rate(() => softmax(logits10)) },
    { name: 'softmax, 1,000 logits', perSecond: rate(() => softmax(logits1000)) },
    { name: 'softmaxJacobian, 10 logits', perSecond: rate(() => softmaxJacobian(logits10)) },
    { name: 'softmaxCrossEntropy, 10 logits', perSecond: rate(() => softmaxCrossEntropy(logits10, target10)) },
  ];
}
