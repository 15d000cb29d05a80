/** "Reproduce in code" snippets of the gradient-descent widgets, shared by the server render and the client. */
import { arrayForCode, formatForCode } from '../lib/format';
import type { OptimizerConfig } from '../../src/compute';

/** descend1d on one of the chapter's curves. */
export const oneDimensionSnippet = (curve: string, x0: number, lr: number, steps: number): string =>
  `import { curves, descend1d, quadraticRegime } from './src/compute';\n` +
  `const xs = descend1d(curves.${curve}, ${formatForCode(x0)}, ${formatForCode(lr)}, ${steps});\n` +
  (curve === 'parabola' ? `quadraticRegime(${formatForCode(lr)}, 2); // x² has curvature λ = 2` : `xs.at(-1); // where it ended`);

/** An optimiser config as a JavaScript literal. */
export const configForCode = (config: OptimizerConfig): string =>
  `{ ${Object.entries(config).map(([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? arrayForCode(value) : String(value)}`).join(', ')} }`;

/** runOptimizer for each racer. */
export const raceSnippet = (surface: string, start: readonly [number, number], steps: number, configs: readonly OptimizerConfig[]): string =>
  [
    `import { runOptimizer, surfaces } from './src/compute';`,
    `const start = ${arrayForCode([...start])};`,
    ...configs.map((config) => `runOptimizer(surfaces.${surface}, ${configForCode(config)}, start, ${steps});`),
  ].join('\n');

/** The classifier's data, trainer and one epoch. */
export const trainSnippet = (dataset: string, degree: number, batchSize: number, config: OptimizerConfig, seed: number): string =>
  [
    `import { createTrainer, evaluate, makeDataset } from './src/compute';`,
    `const data = makeDataset('${dataset}', 300, ${seed});`,
    `const trainer = createTrainer(data, { degree: ${degree}, batchSize: ${batchSize}, optimizer: ${configForCode(config)}, seed: ${seed} });`,
    `trainer.epoch();                       // one pass over the data in mini-batches`,
    `evaluate(trainer.model, data);         // { loss, accuracy }`,
  ].join('\n');
