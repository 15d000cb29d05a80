/**
 * A computational graph of scalars, small enough to follow by hand: every node keeps its value, the local
 * derivatives of its value with respect to its inputs, and — after `backward` — the gradient of the graph's output
 * with respect to itself, found by the chain rule from the output down (reverse mode, as backpropagation does).
 */
import { assertFiniteVector } from './checks.ts';
import { logSoftmax, softmax } from './softmax.ts';

/** One node: a value, what it was computed from, and ∂(this)/∂(each input). */
export interface GraphNode {
  id: string;
  /** How the chapter writes it: "x₁", "w₁₁·x₁", "z₁", "L". */
  label: string;
  op: 'input' | 'parameter' | 'multiply' | 'add' | 'softmax-cross-entropy';
  inputs: string[];
  value: number;
  /** ∂value/∂inputs[k], at the current values. */
  local: number[];
}

/** A graph in the order it was computed (every node after its inputs), its output last. */
export interface Graph {
  nodes: GraphNode[];
}

/** One step of the backward pass: a node's gradient as the sum, over the nodes it feeds, of upstream × local. */
export interface BackwardStep {
  id: string;
  grad: number;
  terms: { from: string; upstream: number; local: number }[];
}

/**
 * One neuron layer with two inputs and two outputs, and its loss: z = W x + b, L = −log softmax(z)[target]. The
 * products and sums are separate nodes, so that every step of the chain rule is one multiplication or one sum.
 */
export function neuronGraph(x: readonly number[], w: readonly number[], b: readonly number[], target: number): Graph {
  assertFiniteVector(x, 'The inputs');
  assertFiniteVector(w, 'The weights');
  assertFiniteVector(b, 'The biases');
  if (x.length !== 2 || w.length !== 4 || b.length !== 2) throw new RangeError('The layer takes 2 inputs, 4 weights (w₁₁, w₁₂, w₂₁, w₂₂) and 2 biases.');
  if (target !== 0 && target !== 1) throw new RangeError(`The target class must be 1 or 2, but is ${target + 1}.`);
  const sub = ['₁', '₂'];
  const nodes: GraphNode[] = [];
  const leaf = (id: string, label: string, op: 'input' | 'parameter', value: number) => nodes.push({ id, label, op, inputs: [], value, local: [] });
  for (let k = 0; k < 2; k++) for (let i = 0; i < 2; i++) leaf(`w${k + 1}${i + 1}`, `w${sub[k]}${sub[i]}`, 'parameter', w[k * 2 + i]!);
  b.forEach((v, k) => leaf(`b${k + 1}`, `b${sub[k]}`, 'parameter', v));
  x.forEach((v, i) => leaf(`x${i + 1}`, `x${sub[i]}`, 'input', v));
  for (let k = 0; k < 2; k++) {
    for (let i = 0; i < 2; i++) {
      // ∂(w·x)/∂w = x and ∂(w·x)/∂x = w: each factor's derivative is the other factor.
      nodes.push({ id: `m${k + 1}${i + 1}`, label: `w${sub[k]}${sub[i]}·x${sub[i]}`, op: 'multiply', inputs: [`w${k + 1}${i + 1}`, `x${i + 1}`], value: w[k * 2 + i]! * x[i]!, local: [x[i]!, w[k * 2 + i]!] });
    }
  }
  for (let k = 0; k < 2; k++) {
    const value = w[k * 2]! * x[0]! + w[k * 2 + 1]! * x[1]! + b[k]!;
    nodes.push({ id: `z${k + 1}`, label: `z${sub[k]}`, op: 'add', inputs: [`m${k + 1}1`, `m${k + 1}2`, `b${k + 1}`], value, local: [1, 1, 1] });
  }
  const z = [nodes.find((n) => n.id === 'z1')!.value, nodes.find((n) => n.id === 'z2')!.value];
  const s = softmax(z);
  // The softmax chapter's result: ∂L/∂zₖ = sₖ − yₖ.
  nodes.push({ id: 'L', label: 'L', op: 'softmax-cross-entropy', inputs: ['z1', 'z2'], value: -logSoftmax(z)[target]!, local: s.map((sk, k) => sk - (k === target ? 1 : 0)) });
  return { nodes };
}

/**
 * The backward pass, one node at a time from the output: ∂L/∂L = 1, then each node's gradient is Σ over the nodes
 * it feeds of (their gradient × their local derivative with respect to it) — the chain rule, summed over paths.
 * Nodes are visited deepest first (every node after all the nodes it feeds), in the order they were made.
 */
export function backwardSteps(graph: Graph): BackwardStep[] {
  const nodes = graph.nodes;
  const depth = new Map<string, number>();
  for (const node of nodes) depth.set(node.id, node.inputs.length ? 1 + Math.max(...node.inputs.map((i) => depth.get(i)!)) : 0);
  const order = nodes.map((node, k) => ({ node, k })).sort((a, b) => depth.get(b.node.id)! - depth.get(a.node.id)! || a.k - b.k).map(({ node }) => node);
  const output = order[0]!;
  const grads = new Map<string, number>([[output.id, 1]]);
  const steps: BackwardStep[] = [{ id: output.id, grad: 1, terms: [] }];
  for (const node of order.slice(1)) {
    const terms = nodes.flatMap((user) => user.inputs.flatMap((input, slot) => (input === node.id ? [{ from: user.id, upstream: grads.get(user.id)!, local: user.local[slot]! }] : [])));
    const grad = terms.reduce((sum, t) => sum + t.upstream * t.local, 0);
    grads.set(node.id, grad);
    steps.push({ id: node.id, grad, terms });
  }
  return steps;
}
