import { describe, expect, it } from 'vitest';
import { centralDifferenceGradient, createTrainer, evaluate, makeDataset, polynomialFeatures, predict, gridPredictor } from '../../src/compute';

describe('toy data sets', () => {
  it('are seeded and balanced', () => {
    expect(makeDataset('moons', 50, 3)).toEqual(makeDataset('moons', 50, 3));
    expect(makeDataset('moons', 50, 3)).not.toEqual(makeDataset('moons', 50, 4));
    const spiral = makeDataset('spiral', 300, 1, { classes: 3 });
    expect([0, 1, 2].map((c) => spiral.labels.filter((l) => l === c).length)).toEqual([100, 100, 100]);
  });
  it('reject bad settings', () => {
    expect(() => makeDataset('blobs', 1, 1)).toThrow(RangeError);
    expect(() => makeDataset('blobs', 10, 1, { classes: 9 })).toThrow(/classes/);
  });
});

describe('softmax regression', () => {
  it('polynomial features: degree 2 is 1, x, y, x², xy, y²', () => {
    expect(polynomialFeatures([2, 3], 2)).toEqual([1, 2, 3, 4, 6, 9]);
  });

  it('the batch gradient equals finite differences of the mean cross-entropy', () => {
    const data = makeDataset('blobs', 12, 9, { classes: 3 });
    const trainer = createTrainer(data, { degree: 2, batchSize: 12, optimizer: { type: 'sgd', lr: 1 }, seed: 1 });
    trainer.model.weights = trainer.model.weights.map((row, c) => row.map((_, i) => Math.sin(c * 7 + i)));
    const flat = trainer.model.weights.flat();
    const width = trainer.model.weights[0]!.length;
    const lossAt = (w: readonly number[]) =>
      evaluate({ degree: 2, weights: [0, 1, 2].map((c) => w.slice(c * width, (c + 1) * width)) }, data).loss;
    const numeric = centralDifferenceGradient(lossAt, flat);
    // One full-batch SGD step with lr 1 moves the weights by exactly −gradient.
    trainer.epoch();
    const moved = trainer.model.weights.flat().map((w, i) => flat[i]! - w);
    moved.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 6));
  });

  it('reaches high accuracy on blobs with Adam, and on moons with cubic features', () => {
    const blobs = makeDataset('blobs', 300, 2, { classes: 3 });
    const onBlobs = createTrainer(blobs, { degree: 1, batchSize: 32, optimizer: { type: 'adam', lr: 0.05 }, seed: 1 });
    for (let e = 0; e < 30; e++) onBlobs.epoch();
    expect(evaluate(onBlobs.model, blobs).accuracy).toBeGreaterThan(0.9);
    const moons = makeDataset('moons', 300, 2);
    const onMoons = createTrainer(moons, { degree: 3, batchSize: 32, optimizer: { type: 'adam', lr: 0.05 }, seed: 1 });
    for (let e = 0; e < 60; e++) onMoons.epoch();
    expect(evaluate(onMoons.model, moons).accuracy).toBeGreaterThan(0.9);
    const p = predict(onBlobs.model, blobs.points[0]!);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('fast paths for the training widget', () => {
  const data = makeDataset('moons', 120, 5);
  const trainer = createTrainer(data, { degree: 3, batchSize: 16, optimizer: { type: 'adam', lr: 0.05 }, seed: 5 });
  for (let e = 0; e < 5; e++) trainer.epoch();

  it('trainer.evaluate() equals evaluate() on the same model', () => {
    const fast = trainer.evaluate();
    const slow = evaluate(trainer.model, data);
    expect(fast.accuracy).toBe(slow.accuracy);
    expect(fast.loss).toBeCloseTo(slow.loss, 12);
  });

  it('gridPredictor gives predict()’s class and probability at every cell centre', () => {
    const box = [-2, 2, -1.5, 1.5] as const;
    const cells = 12;
    const { best, confidence } = gridPredictor(3, box, cells)(trainer.model);
    for (let j = 0; j < cells; j++) {
      for (let i = 0; i < cells; i++) {
        const p = predict(trainer.model, [-2 + ((i + 0.5) / cells) * 4, 1.5 - ((j + 0.5) / cells) * 3]);
        const top = p.indexOf(Math.max(...p));
        expect(best[j * cells + i]).toBe(top);
        expect(confidence[j * cells + i]).toBeCloseTo(p[top]!, 12);
      }
    }
    expect(() => gridPredictor(2, box, cells)(trainer.model)).toThrow(/made for degree 2, not 3/);
    expect(() => gridPredictor(3, box, 0)).toThrow(RangeError);
  });
});
