/** One layer's graph (two inputs, two outputs), forward and backward by hand, declared once (see components/README.md). */
import { backwardSteps, neuronGraph } from '../../src/compute';
import { choiceField, numberField, numbersField } from '../lib/fields';
import { arrayForCode, formatForCode } from '../lib/format';
import { defineSpec } from '../lib/spec';

/** Nodes in the graph: 8 leaves, 4 products, 2 sums and the loss. */
export const GRAPH_NODES = 15;

export const graphByHandSpec = defineSpec({
  tag: 'graph-by-hand',
  title: 'One backward pass, by hand',
  fields: {
    x: numbersField({ label: 'Inputs x₁, x₂', noun: 'The inputs', min: -5, max: 5, minLength: 2, maxLength: 2, default: [1, 2], size: 10 }),
    w: numbersField({ label: 'Weights w₁₁, w₁₂, w₂₁, w₂₂', noun: 'The weights', min: -5, max: 5, minLength: 4, maxLength: 4, default: [0.5, -1, 2, 0.25], size: 18 }),
    b: numbersField({ label: 'Biases b₁, b₂', noun: 'The biases', min: -5, max: 5, minLength: 2, maxLength: 2, default: [0.1, -0.2], size: 10 }),
    target: choiceField({ label: 'True class', radios: true, options: [{ value: 0, text: 'class 1' }, { value: 1, text: 'class 2' }], default: 0 }),
    /** How many nodes of the backward pass have their gradient shown (0: the forward pass only). */
    step: numberField({ min: 0, max: GRAPH_NODES, integer: true, default: 0 }),
  },
  snippet(s) {
    const steps = backwardSteps(neuronGraph(s.x, s.w, s.b, s.target));
    const grad = (id: string) => steps.find((step) => step.id === id)!.grad;
    return [
      "import { neuronGraph, backwardSteps } from './src/compute';",
      `const graph = neuronGraph(${arrayForCode(s.x)}, ${arrayForCode(s.w)}, ${arrayForCode(s.b)}, ${s.target});`,
      'const steps = backwardSteps(graph); // one per node, from L back to the inputs',
      `// ∂L/∂w₁₁ = ${formatForCode(grad('w11'))}, ∂L/∂x₁ = ${formatForCode(grad('x1'))}`,
      'steps.map((step) => `∂L/∂${step.id} = ${step.grad}`)',
    ].join('\n');
  },
});
