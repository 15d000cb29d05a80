import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  centralDifferenceGradient,
  centralDifferenceJacobian,
  normalize,
  softmaxJacobian,
  optimalSettings,
  stepsToShrink,
  analyze,
  backwardSteps,
  cnnPresets,
  createNetwork,
  neuronGraph,
  crossEntropy,
  curves,
  descend1d,
  entropy,
  huffmanCode,
  klDivergence,
  presets,
  runOptimizer,
  softmax,
  softmaxCrossEntropy,
  surfaces,
  surprisal,
} from '../../src/compute';

// Every chapter ends with a worked example whose numbers a reader is invited to check by hand. These tests recompute
// each of them with the compute package and require the prose to print the same digits, so an edit to either side
// that breaks the agreement fails here. (The convolution chapter's matrices are checked on the built page, in
// test/site/content.test.ts.)

/** The text of a chapter's "A worked example" section, as written in its MDX file. */
function workedExample(slug: string): string {
  const text = readFileSync(`content/${slug}.mdx`, 'utf8');
  const start = text.indexOf('## A worked example');
  expect(start, `${slug} has a worked example`).toBeGreaterThan(0);
  return text.slice(start);
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

describe("the chapters' worked examples are what the compute package computes", () => {
  it('entropy: surprisals, H, the Huffman lengths and L', () => {
    const text = workedExample('entropy');
    const p = [0.35, 0.2, 0.15, 0.12, 0.1, 0.08];
    for (const pi of p) expect(text).toContain(`-\\log_2 ${pi} = ${fixed(surprisal(pi), 3)}`);
    const h = entropy(p);
    expect(text).toContain(`= ${fixed(h, 4)}$ bits`);
    const { codes, averageLength } = huffmanCode(p);
    expect(text).toContain(`$(${codes.map((code) => code.length).join(', ')})$`);
    expect(text).toContain(`\\bar\\ell = 2 \\cdot 0.55 + 3 \\cdot 0.45 = ${averageLength.toFixed(2)}$`);
    expect(text).toContain(`${fixed(h, 4)} \\le ${averageLength.toFixed(2)} < ${fixed(h + 1, 4)}`);
    expect(text).toContain(`= ${Math.round(averageLength * 200)}$ bits`);
    expect(text).toContain(`\\approx ${Math.round(h * 200)}$`);
  });

  it('cross-entropy: the one-hot example and the soft one', () => {
    const text = readFileSync('content/cross-entropy.mdx', 'utf8');
    const truth = [1, 0, 0];
    expect(crossEntropy(truth, [0.5, 0.3, 0.2])).toBe(1);
    expect(text).toContain(`\\ln 2 \\approx ${fixed(crossEntropy(truth, [0.5, 0.3, 0.2], Math.E), 4)}`);
    expect(text).toContain(`-\\log_2 0.8 \\approx ${fixed(crossEntropy(truth, [0.8, 0.1, 0.1]), 4)}$ bits`);
    expect(text).toContain(`($${fixed(crossEntropy(truth, [0.8, 0.1, 0.1], Math.E), 4)}$ nats)`);
    const p = [0.7, 0.2, 0.1];
    const q = [0.5, 0.3, 0.2];
    const example = workedExample('cross-entropy');
    expect(example).toContain(`= ${fixed(crossEntropy(p, q), 4)}$ bits`);
    expect(example).toContain(`= ${fixed(entropy(p), 4)}$ bits`);
    expect(example).toContain(`= ${fixed(klDivergence(p, q), 4)}$ bits per symbol`);
  });

  it('KL divergence: both directions of the same pair', () => {
    const text = workedExample('kl-divergence');
    const p = [0.7, 0.2, 0.1];
    const q = [0.5, 0.3, 0.2];
    expect(text).toContain(`\\log_2 1.4 = ${fixed(Math.log2(0.7 / 0.5), 4)}`);
    expect(text).toContain(`= ${fixed(klDivergence(p, q), 4)}$ bits.`);
    expect(text).toContain(`${fixed(crossEntropy(p, q), 4)} - ${fixed(entropy(p), 4)} = ${fixed(klDivergence(p, q), 4)}`);
    expect(text).toContain(`= ${fixed(klDivergence(q, p), 4)}$ bits: close here, but not equal`);
  });

  it('softmax: probabilities, loss, gradient and one step', () => {
    const text = workedExample('softmax');
    const z = [2, 1, 0.1];
    const y = [1, 0, 0];
    const s = softmax(z);
    const { loss, grad } = softmaxCrossEntropy(z, y);
    expect(text).toContain(`s = (${s.map((v) => fixed(v, 5)).join(',\\ ')})`);
    expect(text).toContain(`= ${fixed(loss, 5)}$ nats`);
    expect(text).toContain(`s - y = (${grad.map((v) => fixed(v, 5)).join(',\\ ')})`);
    const stepped = z.map((v, i) => v - grad[i]!);
    expect(text).toContain(`z = (${stepped.map((v) => fixed(v, 5)).join(',\\ ')})`);
    expect(text).toContain(`s_1 = ${fixed(softmax(stepped)[0]!, 5)}`);
    expect(text).toContain(`= ${fixed(softmaxCrossEntropy(stepped, y).loss, 5)}$ nats`);
  });

  it('receptive fields: ZF-5 at 224, layer by layer, and the pixels unit 5 of conv5 sees', () => {
    const text = workedExample('receptive-field');
    const rows = analyze(presets['zf5']!.layers, 224);
    expect(rows.map((row) => row.stride[1])).toEqual([2, 4, 8, 16, 16, 16, 16]);
    expect(text).toContain('Jumps: conv1 2, pool1 4, conv2 8, pool2 16, conv3–5 16.');
    const [conv1, pool1, conv2, pool2, conv3, conv4, conv5] = rows;
    expect(text).toContain(`= ${conv1!.rf[1]}$, $7 + 2 \\cdot 2 = ${pool1!.rf[1]}$, $11 + 4 \\cdot 4 = ${conv2!.rf[1]}$`);
    expect(text).toContain(`= ${pool2!.rf[1]}$, then`);
    expect(text).toContain(`= ${conv3!.rf[1]}$, $${conv4!.rf[1]}$, $${conv5!.rf[1]}$.`);
    expect(text).toContain(`= ${pool2!.padding[1]}$, then $${conv3!.padding[1]}$, $${conv4!.padding[1]}$, $${conv5!.padding[1]}$.`);
    expect(text).toContain(`+ 1 = ${conv1!.outputSize[1]}$, then ${rows.slice(1).map((row) => row.outputSize[1]).join(', ')}.`);
    const first = 5 * conv5!.stride[1] - conv5!.padding[1];
    expect(text).toContain(`= ${first}$ to $${first} + ${conv5!.rf[1] - 1} = ${first + conv5!.rf[1] - 1}$`);
  });

  it('gradient descent: x² at five step sizes, the ravine and Adam’s first step', () => {
    const text = workedExample('gradient-descent');
    const orbit = (lr: number) => descend1d(curves.parabola, 2, lr, 3).map((x) => String(Number(x.toFixed(4))));
    expect(text).toContain(`$x = ${orbit(0.25).join(', ')}, \\dots$`);
    expect(text).toContain(`$x = ${orbit(0.75).join(', ')}, \\dots$`);
    expect(text).toContain(`$x = ${orbit(1).join(', ')}, \\dots$`);
    expect(text).toContain(`$x = ${orbit(1.25).join(', ')}, \\dots$`);
    expect(descend1d(curves.parabola, 2, 0.5, 1)[1]).toBe(0);

    const ravine = runOptimizer(surfaces.ravine, { type: 'sgd', lr: 0.09 }, [-3.5, 1.2], 50);
    const point = (k: number) => ravine.path[k]!.map((v) => String(Number(v.toFixed(3)))).join(',\\ ');
    expect(text).toContain(`One step gives $(${point(1)})$, the next\n$(${point(2)})$`);
    const [x50, y50] = ravine.path[50]!;
    expect(text).toContain(`\\approx ${x50!.toFixed(4)}$`);
    expect(text).toContain(`y \\approx ${(y50! * 1e5).toFixed(1)} \\times 10^{-5}`);
    const adam = runOptimizer(surfaces.ravine, { type: 'adam', lr: 0.1 }, [-3.5, 1.2], 1);
    expect(text).toContain(`to $(${adam.path[1]!.map((v) => String(Number(v.toFixed(4)))).join(',\\ ')})$`);
  });

  it('backpropagation: one layer forward and backward, and the receptive fields of LeNet-5', () => {
    const text = workedExample('backpropagation');
    const graph = neuronGraph([1, 2], [0.5, -1, 2, 0.25], [0.1, -0.2], 0);
    const value = (id: string) => graph.nodes.find((n) => n.id === id)!.value;
    const grads = new Map(backwardSteps(graph).map((step) => [step.id, step.grad]));
    const f5 = (v: number) => v.toFixed(5);
    expect(text).toContain(`+ 0.1 = ${Number(value('z1').toFixed(4))}$ and`);
    expect(text).toContain(`- 0.2 = ${Number(value('z2').toFixed(4))}$`);
    const s = softmax([value('z1'), value('z2')]);
    expect(text).toContain(`$s = (${f5(s[0]!)}, ${f5(s[1]!)})$, so $L = -\\log ${f5(s[0]!)} = ${value('L').toFixed(4)}$ nats`);
    expect(text).toContain(`s - y = (${f5(grads.get('z1')!)},\\ ${f5(grads.get('z2')!)})$`);
    expect(text).toContain(`\\partial L / \\partial b = (${f5(grads.get('b1')!)},\\ ${f5(grads.get('b2')!)})$`);
    for (const id of ['w11', 'w12', 'w21', 'w22']) expect(text).toContain(`\\partial L / \\partial w_{${id.slice(1)}} = ${id.startsWith('w1') ? `${f5(grads.get('z1')!)} \\cdot ${id.endsWith('1') ? 1 : 2} = ` : ''}${f5(grads.get(id)!)}$`);
    expect(text).toContain(`= ${f5(grads.get('x1')!)}$ and`);
    expect(text).toContain(`= ${f5(grads.get('x2')!)}$.`);
    // The chapter's claims about the lab's default network: its size and how far its units see.
    const chapter = readFileSync('content/backpropagation.mdx', 'utf8');
    const lenet = createNetwork(cnnPresets.lenet5.layers, { inputShape: [1, 28, 28] });
    expect(chapter).toContain(`${lenet.parameterCount.toLocaleString('en-US')} parameters`);
    const fields = analyze(lenet.receptiveFieldLayers(), 28).map((layer) => layer.rf[0]);
    expect(chapter).toContain(`grows from ${fields[0]} to ${fields[1]}, ${fields[2]} and ${fields[3]} pixels`);
    expect(chapter).toContain(`sees a ${fields[3]} × ${fields[3]}`);
  });

  it('gradient descent: the momentum section’s rates and step counts for κ = 100', () => {
    const text = readFileSync('content/gradient-descent.mdx', 'utf8');
    const best = optimalSettings(1, 100);
    expect(text).toContain(`shrinks the error by $${best.gradientDescent.rate.toFixed(3)}$ per step and needs ${stepsToShrink(best.gradientDescent.rate)} steps`);
    expect(best.momentum.rate).toBeCloseTo(9 / 11, 15);
    expect(text).toContain(`$9/11 \\approx ${best.momentum.rate.toFixed(3)}$ and needs ${stepsToShrink(best.momentum.rate)}.`);
  });

  it("the chapters' claims about what the widgets show are what they compute", () => {
    const digits = (x: number) => `${(x / 10 ** Math.floor(Math.log10(x))).toFixed(1)} \\times 10^{${Math.floor(Math.log10(x))}}`;
    // Softmax: the Jacobian against central differences at the widget's first logits, h = 1e-5.
    const z = [2, 1, 0.1];
    const numeric = centralDifferenceJacobian((x) => softmax(x, 1), z, 1e-5);
    const jacobianGap = Math.max(...softmaxJacobian(z, 1).flatMap((row, i) => row.map((v, j) => Math.abs(v - numeric[i]![j]!))));
    expect(readFileSync('content/softmax.mdx', 'utf8')).toContain(`agree to $${digits(jacobianGap)}$`);
    // KL: the two numerical gradients at SameGradient's first settings.
    const p = normalize([0.7, 0.2, 0.1]);
    const logits = [0.5, 1, -0.5];
    const ce = centralDifferenceGradient((x) => crossEntropy(p, softmax(x), Math.E), logits);
    const kl = centralDifferenceGradient((x) => klDivergence(p, softmax(x), Math.E), logits);
    expect(readFileSync('content/kl-divergence.mdx', 'utf8')).toContain(`agree to $${digits(Math.max(...ce.map((v, i) => Math.abs(v - kl[i]!))))}$`);
    // Receptive fields: the mistaken recursion gives 308 for VGG16; the right one 212, with conv5 at 164 and 196.
    let mistaken = 1;
    for (const layer of presets['vgg16']!.layers) mistaken = layer.kind === 'conv' ? mistaken + (layer.kernel as number) - 1 : mistaken * 2;
    const fields = analyze(presets['vgg16']!.layers, 224).map((layer) => layer.rf[0]);
    const rf = readFileSync('content/receptive-field.mdx', 'utf8');
    expect(rf).toContain(`that gives ${mistaken} at pool5; the right answer is ${fields.at(-1)}`);
    expect(rf).toContain(`(${fields.at(-3)}, ${fields.at(-2)})`);
  });
});
