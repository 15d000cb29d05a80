import { describe, expect, it } from 'vitest';
import { backwardSteps, centralDifferenceGradient, neuronGraph, softmax } from '../../src/compute';
import { seededRandom, uniformVector } from './random';

describe('a neuron as a computational graph', () => {
  it('forward values: z = Wx + b and L = −log softmax(z)[target]', () => {
    const graph = neuronGraph([1, 2], [0.5, -1, 2, 0.25], [0.1, -0.2], 0);
    const value = (id: string) => graph.nodes.find((n) => n.id === id)!.value;
    expect(value('z1')).toBeCloseTo(0.5 - 2 + 0.1, 15);
    expect(value('z2')).toBeCloseTo(2 + 0.5 - 0.2, 15);
    expect(value('L')).toBeCloseTo(-Math.log(softmax([-1.4, 2.3])[0]!), 14);
  });

  it('visits every node after the nodes it feeds, the loss first and the inputs last', () => {
    const order = backwardSteps(neuronGraph([1, 2], [0.5, -1, 2, 0.25], [0.1, -0.2], 1)).map((s) => s.id);
    expect(order).toEqual(['L', 'z1', 'z2', 'm11', 'm12', 'm21', 'm22', 'w11', 'w12', 'w21', 'w22', 'b1', 'b2', 'x1', 'x2']);
  });

  it('each gradient agrees with central differences of the loss, and with (s − y)·x in closed form', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 100; trial++) {
      const [x, w, b] = [uniformVector(random, 2, -3, 3), uniformVector(random, 4, -2, 2), uniformVector(random, 2, -1, 1)];
      const target = trial % 2;
      const steps = new Map(backwardSteps(neuronGraph(x, w, b, target)).map((s) => [s.id, s.grad]));
      const loss = (v: readonly number[]) => neuronGraph(v.slice(0, 2), v.slice(2, 6), v.slice(6, 8), target).nodes.at(-1)!.value;
      const numeric = centralDifferenceGradient(loss, [...x, ...w, ...b]);
      ['x1', 'x2', 'w11', 'w12', 'w21', 'w22', 'b1', 'b2'].forEach((id, k) => expect(steps.get(id)).toBeCloseTo(numeric[k]!, 7));
      const s = softmax([w[0]! * x[0]! + w[1]! * x[1]! + b[0]!, w[2]! * x[0]! + w[3]! * x[1]! + b[1]!]);
      const delta = s.map((sk, k) => sk - (k === target ? 1 : 0));
      expect(steps.get('w21')).toBeCloseTo(delta[1]! * x[0]!, 12);
      expect(steps.get('b1')).toBeCloseTo(delta[0]!, 12);
    }
  });

  it('an input feeding two products gets the sum of both paths', () => {
    const x1 = backwardSteps(neuronGraph([1, 2], [0.5, -1, 2, 0.25], [0, 0], 0)).find((s) => s.id === 'x1')!;
    expect(x1.terms.map((t) => t.from)).toEqual(['m11', 'm21']);
    expect(x1.grad).toBeCloseTo(x1.terms.reduce((sum, t) => sum + t.upstream * t.local, 0), 15);
  });

  it('refuses the wrong number of values or a target outside the two classes', () => {
    expect(() => neuronGraph([1], [1, 1, 1, 1], [0, 0], 0)).toThrow(/2 inputs, 4 weights/);
    expect(() => neuronGraph([1, 2], [1, 1, 1, 1], [0, 0], 2)).toThrow(/target class must be 1 or 2, but is 3/);
  });
});
