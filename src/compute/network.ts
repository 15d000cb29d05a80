/**
 * A small convolutional network, as torch.nn.Sequential would build it from the same layer list: PyTorch's default
 * initialisation (weights and biases uniform in ±1/√fan_in, here from a seeded generator, in state_dict order),
 * its parameters as one flat vector in state_dict order, and the mean softmax cross-entropy and its exact gradient
 * by backpropagation, one example at a time through preallocated buffers.
 */
import { assertTensor, type Tensor } from './tensor.ts';
import { assertWholeNumber } from './checks.ts';
import { seededRandom } from './random.ts';
import { logSoftmax, softmax } from './softmax.ts';
import type { Layer } from './receptive-field.ts';
import { compileStages, type NetworkLayer, type Stage } from './network-stages.ts';

export type { NetworkLayer } from './network-stages.ts';

/** A network ready to train: forward, loss and gradient, parameters in and out. */
export interface Network {
  readonly layers: readonly NetworkLayer[];
  readonly inputShape: readonly [number, number, number];
  /** Each layer's name ("conv1", "relu1", …) and output shape. */
  readonly shapes: readonly { name: string; shape: readonly number[] }[];
  readonly parameterCount: number;
  /** A copy of the parameters, flat, in PyTorch's state_dict order (per layer its weight, then its bias). */
  parameters(): Float64Array;
  /** Where each weight and bias lives in parameters(): its state_dict key ("0.weight"), layer name, offset, shape. */
  parameterLayout(): { key: string; layer: string; offset: number; shape: number[] }[];
  /** Replaces the parameters (same layout as parameters()). */
  setParameters(values: ArrayLike<number>): void;
  /** The last layer's output for one input [C, H, W]. */
  forward(input: Tensor): Tensor;
  /** Every layer's output for one input, in order (feature maps to look at). */
  activations(input: Tensor): Tensor[];
  /** Mean cross-entropy (nats) of softmax(output) over a batch, and its gradient laid out like parameters(). */
  lossAndGradient(inputs: readonly Tensor[], labels: readonly number[]): { loss: number; gradient: Float64Array };
  /** lossAndGradient writing the gradient into `gradient` (no allocation), for training loops; also counts hits. */
  accumulateGradient(inputs: readonly Tensor[], labels: readonly number[], gradient: Float64Array): { loss: number; correct: number };
  /** ∂ output[channel, y, x] / ∂ input, for networks whose layers keep a spatial map (no flatten or linear). */
  inputGradient(input: Tensor, unit: { channel: number; y: number; x: number }): Tensor;
  /** The conv and pooling layers up to the first flatten, as the receptive-field engine's analyze() reads them. */
  receptiveFieldLayers(): Layer[];
}

/** Builds a network for inputs of `inputShape` [C, H, W]; throws RangeError naming the first invalid layer. */
export function createNetwork(layers: readonly NetworkLayer[], options: { inputShape: readonly [number, number, number]; seed?: number }): Network {
  const inputShape = options.inputShape;
  if (!Array.isArray(inputShape) || inputShape.length !== 3) throw new RangeError('The input shape must be [channels, height, width].');
  inputShape.forEach((d, i) => assertWholeNumber(d, `The input’s ${['channels', 'height', 'width'][i]}`, 1, 4096));
  const { stages, parameterCount } = compileStages(layers, inputShape);
  const params = new Float64Array(parameterCount);
  initialise(stages, params, options.seed ?? 0);
  // One buffer per layer for its output and one for the gradient at its output, reused for every example.
  const inputBuffer = new Float64Array(inputShape[0] * inputShape[1] * inputShape[2]);
  const inputGrad = new Float64Array(inputBuffer.length);
  const outs = stages.map((s) => new Float64Array(s.outShape.reduce((a, b) => a * b, 1)));
  const gradOuts = outs.map((o) => new Float64Array(o.length));
  const last = stages.at(-1)!;

  const run = (input: Tensor): Float64Array => {
    assertTensor(input, 3, 'The input');
    if (input.shape.some((d, i) => d !== inputShape[i])) throw new RangeError(`The input must have shape ${inputShape.join('×')}, not ${input.shape.join('×')}.`);
    inputBuffer.set(input.data);
    stages.forEach((stage, i) => stage.forward(i === 0 ? inputBuffer : outs[i - 1]!, outs[i]!, params));
    return outs.at(-1)!;
  };
  /** Backpropagates the gradient already in the last gradOut buffer; parameter gradients are added to `grads`. */
  const backward = (grads: Float64Array | null, wantInput: boolean): void => {
    for (let i = stages.length - 1; i >= 0; i--) {
      const below = i === 0 ? (wantInput ? inputGrad : null) : gradOuts[i - 1]!;
      below?.fill(0);
      stages[i]!.backward(i === 0 ? inputBuffer : outs[i - 1]!, outs[i]!, gradOuts[i]!, below, params, grads);
    }
  };
  const accumulateGradient = (inputs: readonly Tensor[], labels: readonly number[], gradient: Float64Array): { loss: number; correct: number } => {
    if (inputs.length === 0 || inputs.length !== labels.length) throw new RangeError(`A batch needs as many labels as inputs (${inputs.length} inputs, ${labels.length} labels), and at least one.`);
    if (last.outShape.length !== 1) throw new RangeError(`The last layer must give one score per class (a flat vector), but ${last.name} gives ${last.outShape.join('×')}.`);
    if (gradient.length !== parameterCount) throw new RangeError(`The gradient buffer needs ${parameterCount} values, not ${gradient.length}.`);
    const classes = last.outShape[0]!;
    gradient.fill(0);
    // Whatever an interrupted batch (a bad label below) left recorded is dropped before this one starts.
    for (const stage of stages) stage.endBatch?.(null);
    let loss = 0;
    let correct = 0;
    inputs.forEach((input, n) => {
      assertWholeNumber(labels[n]!, `Label ${n + 1}`, 0, classes - 1);
      const logits = Array.from(run(input));
      loss -= logSoftmax(logits)[labels[n]!]!;
      if (logits.indexOf(Math.max(...logits)) === labels[n]) correct++;
      // ∂ mean loss / ∂ logits = (softmax − one-hot) / N: the softmax chapter's s − y.
      const s = softmax(logits);
      const grad = gradOuts.at(-1)!;
      for (let k = 0; k < classes; k++) grad[k] = (s[k]! - (k === labels[n] ? 1 : 0)) / inputs.length;
      backward(gradient, false);
    });
    for (const stage of stages) stage.endBatch?.(gradient);
    return { loss: loss / inputs.length, correct };
  };

  return {
    layers: layers.map((layer) => ({ ...layer })),
    inputShape: [...inputShape] as [number, number, number],
    shapes: stages.map((s) => ({ name: s.name, shape: [...s.outShape] })),
    parameterCount,
    parameters: () => params.slice(),
    parameterLayout: () =>
      stages.flatMap((stage, index) => [
        ...(stage.weight ? [{ key: `${index}.weight`, layer: stage.name, offset: stage.weight.offset, shape: [...stage.weight.shape] }] : []),
        ...(stage.bias ? [{ key: `${index}.bias`, layer: stage.name, offset: stage.bias.offset, shape: [stage.bias.length] }] : []),
      ]),
    setParameters(values) {
      if (values.length !== parameterCount) throw new RangeError(`This network has ${parameterCount} parameters, not ${values.length}.`);
      for (let i = 0; i < parameterCount; i++) if (!Number.isFinite(values[i]!)) throw new RangeError(`Parameter ${i} is ${values[i]}, not a finite number.`);
      params.set(values);
    },
    forward: (input) => ({ shape: [...last.outShape], data: run(input).slice() }),
    activations(input) {
      run(input);
      return stages.map((s, i) => ({ shape: [...s.outShape], data: outs[i]!.slice() }));
    },
    lossAndGradient(inputs, labels) {
      const gradient = new Float64Array(parameterCount);
      return { loss: accumulateGradient(inputs, labels, gradient).loss, gradient };
    },
    accumulateGradient,
    inputGradient(input, unit) {
      const flat = stages.find((s) => s.outShape.length !== 3);
      if (flat) throw new RangeError(`The input gradient of a unit needs layers that keep a spatial map, but ${flat.name} does not.`);
      const [channels, height, width] = last.outShape as [number, number, number];
      assertWholeNumber(unit.channel, 'The channel', 0, channels - 1);
      assertWholeNumber(unit.y, 'The row', 0, height - 1);
      assertWholeNumber(unit.x, 'The column', 0, width - 1);
      run(input);
      const grad = gradOuts.at(-1)!;
      grad.fill(0);
      grad[(unit.channel * height + unit.y) * width + unit.x] = 1;
      backward(null, true);
      return { shape: [...inputShape], data: inputGrad.slice() };
    },
    receptiveFieldLayers: () => receptiveFieldLayers(stages),
  };
}

/** PyTorch's default initialisation, seeded: per layer its weight then its bias, uniform in ±1/√fan_in. */
function initialise(stages: readonly Stage[], params: Float64Array, seed: number): void {
  const random = seededRandom(seed);
  for (const stage of stages) {
    if (!stage.weight) continue;
    const bound = 1 / Math.sqrt(stage.weight.fanIn);
    const draw = (offset: number, length: number) => {
      for (let i = offset; i < offset + length; i++) params[i] = (2 * random() - 1) * bound;
    };
    draw(stage.weight.offset, stage.weight.length);
    if (stage.bias) draw(stage.bias.offset, stage.bias.length);
  }
}

/** The conv and pooling layers before the first flatten, in analyze()'s description (ReLU changes no geometry). */
function receptiveFieldLayers(stages: readonly Stage[]): Layer[] {
  const result: Layer[] = [];
  for (const { name, layer } of stages) {
    if (layer.kind === 'flatten' || layer.kind === 'linear') break;
    if (layer.kind === 'conv') result.push({ name, kind: 'conv', kernel: layer.kernel, stride: layer.stride ?? 1, padding: layer.padding ?? 0, dilation: layer.dilation ?? 1 });
    else if (layer.kind === 'maxpool' || layer.kind === 'avgpool') {
      const pool: Layer = { name, kind: layer.kind, kernel: layer.kernel, stride: layer.stride ?? layer.kernel, padding: layer.padding ?? 0 };
      if (layer.ceilMode) pool.ceilMode = true;
      result.push(pool);
    }
  }
  return result;
}
