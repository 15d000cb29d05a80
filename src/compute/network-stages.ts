/**
 * One network layer compiled for a fixed input shape: its output shape, where its weight and bias live in the
 * network's flat parameter vector, and its forward and backward passes on flat float64 arrays. The passes are the
 * package's own conv2d, pooling, linear and ReLU code, so the network computes exactly what the chapters show.
 */
import { convBackwardInto, convForwardInto, convGeometry } from './conv-kernels.ts';
import { avgPoolBackwardInto, avgPoolInto, maxPoolBackwardInto, maxPoolInto, poolGeometry, type PoolOptions } from './pooling.ts';
import { linearInputGradientInto, linearInto, linearWeightGradientInto } from './linear.ts';
import { assertWholeNumber } from './checks.ts';
import { pairOf, type Pair } from './shapes.ts';

/** One layer of a network, described as in PyTorch's nn.Sequential (input channels and features are inferred). */
export type NetworkLayer =
  | { kind: 'conv'; out: number; kernel: Pair; stride?: Pair; padding?: Pair; dilation?: Pair; bias?: boolean }
  | ({ kind: 'maxpool' | 'avgpool' } & PoolOptions)
  | { kind: 'relu' }
  | { kind: 'flatten' }
  | { kind: 'linear'; out: number; bias?: boolean };

/** A layer ready to run. `weight` and `bias` are ranges of the flat parameter vector (PyTorch's state_dict order). */
export interface Stage {
  name: string;
  layer: NetworkLayer;
  inShape: number[];
  outShape: number[];
  weight: { offset: number; length: number; shape: number[]; fanIn: number } | null;
  bias: { offset: number; length: number } | null;
  /** out ← layer(x). */
  forward(x: Float64Array, out: Float64Array, params: Float64Array): void;
  /** gradIn += ∂L/∂x (if given); grads += ∂L/∂parameters (if given), from x, out and ∂L/∂out. */
  backward(x: Float64Array, out: Float64Array, gradOut: Float64Array, gradIn: Float64Array | null, params: Float64Array, grads: Float64Array | null): void;
  /**
   * For layers that sum their parameter gradients over a whole batch at once (linear): adds what backward recorded
   * since the last call into `grads`, or drops it if `grads` is null (the start of a batch).
   */
  endBatch?(grads: Float64Array | null): void;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Compiles `layers` for an input of `inputShape` [C, H, W], checking each; RangeError names the layer. */
export function compileStages(layers: readonly NetworkLayer[], inputShape: readonly number[]): { stages: Stage[]; parameterCount: number } {
  if (!Array.isArray(layers) || layers.length === 0) throw new RangeError('A network needs at least one layer.');
  let shape = [...inputShape];
  let offset = 0;
  const counts = new Map<string, number>();
  const stages = layers.map((layer, index): Stage => {
    const kind = layer?.kind;
    const count = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, count);
    const name = `${kind}${count}`;
    const what = `Layer ${index + 1} (${name})`;
    const spatial = shape.length === 3;
    const params = (weightShape: number[], fanIn: number, withBias: boolean) => {
      const weight = { offset, length: size(weightShape), shape: weightShape, fanIn };
      offset += weight.length;
      const bias = withBias ? { offset, length: weightShape[0]! } : null;
      if (bias) offset += bias.length;
      return { weight, bias };
    };
    const inShape = shape;
    switch (kind) {
      case 'conv': {
        if (!spatial) throw new RangeError(`${what}: a convolution needs a [channels, height, width] input, but it gets ${shape.length === 1 ? 'a flat vector (it comes after a flatten)' : 'something else'}.`);
        assertWholeNumber(layer.out, `${what}: the number of kernels`, 1, 4096);
        const [kh, kw] = pairOf(layer.kernel, 1, `${what}: the kernel size`, 1);
        const options = { stride: layer.stride ?? 1, padding: layer.padding ?? 0, dilation: layer.dilation ?? 1 };
        const g = convGeometry(shape, [layer.out, shape[0]!, kh, kw], options, what);
        const { weight, bias } = params([layer.out, shape[0]!, kh, kw], shape[0]! * kh * kw, layer.bias !== false);
        shape = [layer.out, g.outHeight, g.outWidth];
        return {
          name, layer, inShape, outShape: shape, weight, bias,
          forward(x, out, p) {
            convForwardInto(x, p.subarray(weight.offset, weight.offset + weight.length), bias ? p.subarray(bias.offset, bias.offset + bias.length) : null, out, g);
          },
          backward(x, _out, gradOut, gradIn, p, grads) {
            const slice = (range: { offset: number; length: number } | null, from: Float64Array | null) => (range && from ? from.subarray(range.offset, range.offset + range.length) : null);
            convBackwardInto(x, slice(weight, p)!, gradOut, gradIn, slice(weight, grads), slice(bias, grads), g);
          },
        };
      }
      case 'maxpool':
      case 'avgpool': {
        if (!spatial) throw new RangeError(`${what}: pooling needs a [channels, height, width] input, but it comes after a flatten.`);
        const g = poolGeometry(shape, layer, what);
        shape = [g.channels, g.outHeight, g.outWidth];
        if (kind === 'avgpool') {
          return { name, layer, inShape, outShape: shape, weight: null, bias: null, forward: (x, out) => avgPoolInto(x, out, g), backward: (_x, _o, gradOut, gradIn) => gradIn && avgPoolBackwardInto(gradOut, gradIn, g) };
        }
        // The winners of the last forward pass, which the backward pass routes gradients through.
        const argmax = new Int32Array(size(shape));
        return { name, layer, inShape, outShape: shape, weight: null, bias: null, forward: (x, out) => maxPoolInto(x, out, argmax, g), backward: (_x, _o, gradOut, gradIn) => gradIn && maxPoolBackwardInto(gradOut, argmax, gradIn, g) };
      }
      case 'relu':
        return {
          name, layer, inShape, outShape: shape, weight: null, bias: null,
          // Branch-free as the backward pass below; "+ 0" turns the −0 of a negative value times 0 into torch's 0.
          forward(x, out) {
            for (let i = 0; i < x.length; i++) out[i] = x[i]! * +(x[i]! > 0) + 0;
          },
          // As torch: the gradient passes where the output is positive, and is 0 at x = 0. Multiplying by the test's
          // 0 or 1 rather than branching on it: where signs look random, a branch mispredicts often (measured: 4 %
          // of LeNet-5's training time).
          backward(_x, out, gradOut, gradIn) {
            if (gradIn) for (let i = 0; i < out.length; i++) gradIn[i]! += gradOut[i]! * +(out[i]! > 0);
          },
        };
      case 'flatten':
        shape = [size(shape)];
        return { name, layer, inShape, outShape: shape, weight: null, bias: null, forward: (x, out) => out.set(x), backward: (_x, _o, gradOut, gradIn) => gradIn && addInto(gradIn, gradOut) };
      case 'linear': {
        if (spatial) throw new RangeError(`${what}: a linear layer needs a flat input: put a flatten before it.`);
        assertWholeNumber(layer.out, `${what}: the number of outputs`, 1, 100_000);
        const inputs = shape[0]!;
        const { weight, bias } = params([layer.out, inputs], inputs, layer.bias !== false);
        const outputs = layer.out;
        shape = [outputs];
        // The batch's inputs and output gradients, kept until endBatch turns them into the weight gradient in one
        // matrix product (its sums stay in registers across the batch instead of being stored per example).
        let recorded = 0;
        let batchInputs = new Float64Array(32 * inputs);
        let batchGrads = new Float64Array(32 * outputs);
        const record = (x: Float64Array, gradOut: Float64Array) => {
          if ((recorded + 1) * inputs > batchInputs.length) {
            // A batch larger than any before: twice the room, keeping what is recorded.
            batchInputs = grown(batchInputs, 2 * (recorded + 1) * inputs);
            batchGrads = grown(batchGrads, 2 * (recorded + 1) * outputs);
          }
          batchInputs.set(x, recorded * inputs);
          batchGrads.set(gradOut, recorded * outputs);
          recorded++;
        };
        return {
          name, layer, inShape, outShape: shape, weight, bias,
          forward(x, out, p) {
            linearInto(x, p.subarray(weight.offset, weight.offset + weight.length), bias ? p.subarray(bias.offset, bias.offset + bias.length) : null, out, 1, inputs, outputs);
          },
          backward(x, _out, gradOut, gradIn, p, grads) {
            if (gradIn) linearInputGradientInto(p.subarray(weight.offset, weight.offset + weight.length), gradOut, gradIn, 1, inputs, outputs);
            if (grads) record(x, gradOut);
          },
          endBatch(grads) {
            if (grads && recorded > 0) {
              const gw = grads.subarray(weight.offset, weight.offset + weight.length);
              const gb = bias ? grads.subarray(bias.offset, bias.offset + bias.length) : null;
              linearWeightGradientInto(batchInputs, batchGrads, gw, gb, recorded, inputs, outputs);
            }
            recorded = 0;
          },
        };
      }
      default:
        throw new RangeError(`${what}: unknown kind "${String(kind)}" (conv, maxpool, avgpool, relu, flatten, linear).`);
    }
  });
  return { stages, parameterCount: offset };
}

/** A longer copy of `values`, zero beyond them. */
function grown(values: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(length);
  larger.set(values);
  return larger;
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}
