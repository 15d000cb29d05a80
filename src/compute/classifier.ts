/**
 * Softmax regression on 2-D toy data: seeded data sets, an optional polynomial feature map, and training by
 * mini-batch gradient descent on cross-entropy with any optimiser — the notebook's chapters working together.
 */
import { createOptimizer, type OptimizerConfig } from './optimizers.ts';
import { gaussianSample, seededRandom } from './random.ts';
import { assertInRange, assertWholeNumber } from './checks.ts';
import { logSoftmax, softmax } from './softmax.ts';

/** Points (x, y) with class labels 0 … classes − 1. */
export interface Dataset {
  points: [number, number][];
  labels: number[];
  classes: number;
}

/** The toy data sets makeDataset draws. */
export const DATASET_KINDS = ['blobs', 'moons', 'spiral'] as const;
/** One of the toy data sets. */
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** A seeded toy data set: 'blobs' (Gaussian clusters), 'moons' (two interleaved arcs) or 'spiral' (arms). */
export function makeDataset(kind: DatasetKind, count: number, seed: number, options: { classes?: number; noise?: number } = {}): Dataset {
  const { classes = 3, noise = 0.1 } = options;
  assertWholeNumber(count, 'The number of points', 2, 100_000);
  assertWholeNumber(classes, 'The number of classes', 2, 8);
  assertInRange(noise, 'The noise', 0, 2);
  const random = seededRandom(seed);
  const k = kind === 'moons' ? 2 : classes;
  // Blobs are centred 1.5 apart: below a 0.3 spread they would be trivially separable.
  const spread = kind === 'blobs' ? Math.max(noise, 0.3) : noise;
  const points: [number, number][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % k;
    const t = random();
    let x: number;
    let y: number;
    if (kind === 'blobs') {
      const angle = (2 * Math.PI * label) / k;
      [x, y] = [1.5 * Math.cos(angle), 1.5 * Math.sin(angle)];
    } else if (kind === 'moons') {
      const angle = Math.PI * t;
      [x, y] = label === 0 ? [Math.cos(angle) - 0.5, Math.sin(angle) - 0.25] : [0.5 - Math.cos(angle), 0.25 - Math.sin(angle)];
    } else if (kind === 'spiral') {
      const radius = 0.1 + 1.9 * t;
      const angle = (2 * Math.PI * label) / k + 3 * t;
      [x, y] = [radius * Math.cos(angle), radius * Math.sin(angle)];
    } else {
      throw new RangeError(`Unknown data set "${String(kind)}".`);
    }
    points.push([x + spread * gaussianSample(random), y + spread * gaussianSample(random)]);
    labels.push(label);
  }
  return { points, labels, classes: k };
}

/** Features of a point: 1, x, y, and with `degree` > 1 every monomial xᵃyᵇ with 2 ≤ a + b ≤ degree. */
export function polynomialFeatures([x, y]: readonly [number, number], degree: number): number[] {
  assertWholeNumber(degree, 'The polynomial degree', 1, 6);
  const features = [1];
  for (let total = 1; total <= degree; total++) for (let a = total; a >= 0; a--) features.push(x ** a * y ** (total - a));
  return features;
}

/** A softmax-regression model: weights[class][feature]. */
export interface Model {
  degree: number;
  weights: number[][];
}

/** Class probabilities for one point. */
export function predict(model: Model, point: readonly [number, number]): number[] {
  const f = polynomialFeatures(point, model.degree);
  return softmax(model.weights.map((w) => w.reduce((sum, wi, i) => sum + wi * f[i]!, 0)));
}

/** Mean cross-entropy (nats) and accuracy of a model on a data set. */
export function evaluate(model: Model, data: Dataset): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  data.points.forEach((point, n) => {
    const f = polynomialFeatures(point, model.degree);
    const logits = model.weights.map((w) => w.reduce((sum, wi, i) => sum + wi * f[i]!, 0));
    loss -= logSoftmax(logits)[data.labels[n]!]!;
    if (logits.indexOf(Math.max(...logits)) === data.labels[n]) correct++;
  });
  return { loss: loss / data.points.length, accuracy: correct / data.points.length };
}

/**
 * A trainer: `epoch()` shuffles (seeded) and takes one optimiser step per mini-batch, using the gradient of the mean
 * cross-entropy, (softmax − one-hot) ⊗ features, averaged over the batch.
 */
export function createTrainer(data: Dataset, options: { degree: number; batchSize: number; optimizer: OptimizerConfig; seed: number }) {
  const { degree, batchSize } = options;
  assertWholeNumber(batchSize, 'The batch size', 1);
  const features = data.points.map((p) => polynomialFeatures(p, degree));
  const width = features[0]!.length;
  const model: Model = { degree, weights: Array.from({ length: data.classes }, () => new Array<number>(width).fill(0)) };
  const optimizer = createOptimizer(options.optimizer);
  const random = seededRandom(options.seed);
  const order = data.points.map((_, i) => i);
  let steps = 0;
  const step = (batch: readonly number[]): void => {
    const grad = new Array<number>(data.classes * width).fill(0);
    for (const n of batch) {
      const f = features[n]!;
      const s = softmax(model.weights.map((w) => w.reduce((sum, wi, i) => sum + wi * f[i]!, 0)));
      s.forEach((sc, c) => {
        const delta = (sc - (c === data.labels[n] ? 1 : 0)) / batch.length;
        for (let i = 0; i < width; i++) grad[c * width + i]! += delta * f[i]!;
      });
    }
    const next = optimizer.step(model.weights.flat(), grad);
    model.weights = model.weights.map((_, c) => next.slice(c * width, (c + 1) * width));
    steps++;
  };
  return {
    model,
    get steps() {
      return steps;
    },
    /** The optimiser's learning rate: settable between epochs, as a reader changes it while training runs. */
    get learningRate() {
      return optimizer.learningRate;
    },
    set learningRate(lr: number) {
      optimizer.learningRate = lr;
    },
    /** Mean cross-entropy (nats) and accuracy on the training data, as evaluate() but from the cached features. */
    evaluate(): { loss: number; accuracy: number } {
      let loss = 0;
      let correct = 0;
      features.forEach((f, n) => {
        const logits = model.weights.map((w) => w.reduce((sum, wi, i) => sum + wi * f[i]!, 0));
        loss -= logSoftmax(logits)[data.labels[n]!]!;
        if (logits.indexOf(Math.max(...logits)) === data.labels[n]) correct++;
      });
      return { loss: loss / features.length, accuracy: correct / features.length };
    },
    /** One pass over the data in a fresh seeded order. */
    epoch(): void {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (let start = 0; start < order.length; start += batchSize) step(order.slice(start, start + batchSize));
    },
  };
}

/**
 * A predictor for a fixed grid of `cells` × `cells` points over box = [xMin, xMax, yMin, yMax] (row 0 at yMax, as
 * drawn on screen), for drawing decision regions every animation frame: the grid's features are computed once, so
 * each call is only the products and a softmax per cell. Returns, per cell, the predicted class and its probability.
 */
export function gridPredictor(degree: number, box: readonly [number, number, number, number], cells: number) {
  assertWholeNumber(cells, 'The number of grid cells per side', 1, 1000);
  const [x0, x1, y0, y1] = box;
  const features: number[][] = [];
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) features.push(polynomialFeatures([x0 + ((i + 0.5) / cells) * (x1 - x0), y1 - ((j + 0.5) / cells) * (y1 - y0)], degree));
  }
  const best = new Uint8Array(cells * cells);
  const confidence = new Float64Array(cells * cells);
  return (model: Model): { best: Uint8Array; confidence: Float64Array } => {
    if (model.degree !== degree) throw new RangeError(`This grid was made for degree ${degree}, not ${model.degree}.`);
    const logits = new Array<number>(model.weights.length);
    features.forEach((f, cell) => {
      for (let c = 0; c < logits.length; c++) {
        const w = model.weights[c]!;
        let z = 0;
        for (let k = 0; k < f.length; k++) z += w[k]! * f[k]!;
        logits[c] = z;
      }
      const s = softmax(logits);
      let top = 0;
      for (let c = 1; c < s.length; c++) if (s[c]! > s[top]!) top = c;
      best[cell] = top;
      confidence[cell] = s[top]!;
    });
    return { best, confidence };
  };
}
