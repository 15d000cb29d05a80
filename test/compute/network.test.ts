import { describe, expect, it } from 'vitest';
import { analyze, createNetwork, linear, linearBackward, softmaxCrossEntropy, oneHot, type NetworkLayer, type Tensor } from '../../src/compute';
import { seededRandom } from './random';
import { dot, expectGradientsClose, numericGradient } from './gradcheck';

const random = seededRandom(42);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const randomInput = (shape: readonly number[]): Tensor => ({ shape: [...shape], data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * random() - 1) });

describe('linear and linearBackward', () => {
  it('computes input · weightᵀ + bias, and its gradients agree with central differences', () => {
    for (let trial = 0; trial < 100; trial++) {
      const [n, inputs, outputs] = [int(1, 4), int(1, 9), int(1, 5)];
      // Some inputs exactly 0, as behind a ReLU: the forward pass skips those.
      const input = randomInput([n, inputs]);
      input.data.forEach((_, k) => random() < 0.3 && (input.data[k] = 0));
      const weight = randomInput([outputs, inputs]);
      const bias = Float64Array.from({ length: outputs }, () => random());
      const out = linear(input, weight, bias);
      for (let row = 0; row < n; row++) {
        for (let j = 0; j < outputs; j++) {
          const sum = Array.from({ length: inputs }, (_, i) => input.data[row * inputs + i]! * weight.data[j * inputs + i]!).reduce((a, b) => a + b, bias[j]!);
          expect(out.data[row * outputs + j]).toBeCloseTo(sum, 12);
        }
      }
      // A third of the output gradients exactly 0, as behind a ReLU: the backward pass skips those.
      const gradOut = randomInput(out.shape);
      gradOut.data.forEach((_, k) => random() < 0.3 && (gradOut.data[k] = 0));
      const loss = () => dot(gradOut.data, linear(input, weight, bias).data);
      const grads = linearBackward(input, weight, gradOut);
      expectGradientsClose(grads.gradInput.data, numericGradient(input.data as Float64Array, loss), 'input');
      expectGradientsClose(grads.gradWeight.data, numericGradient(weight.data as Float64Array, loss), 'weight');
      expectGradientsClose(grads.gradBias, numericGradient(bias, loss), 'bias');
    }
  });

  it('refuses mismatched sizes', () => {
    expect(() => linear(randomInput([2, 3]), randomInput([4, 2]))).toThrow(/takes 2 inputs, but the input has 3/);
    expect(() => linear(randomInput([2, 3]), randomInput([4, 3]), [1, 2])).toThrow(/bias needs 4 values/);
  });
});

/** A random small network that fits its input: convolutions and pooling of every kind, ReLU, then a classifier. */
function randomNetwork(): { layers: NetworkLayer[]; inputShape: [number, number, number] } {
  const inputShape: [number, number, number] = [int(1, 2), int(6, 9), int(6, 9)];
  // Up to 5 kernels: from 4 on, convolutions take their matrix-product form.
  const layers: NetworkLayer[] = [{ kind: 'conv', out: int(1, 5), kernel: int(1, 3), stride: int(1, 2), padding: int(0, 1), dilation: int(1, 2) }, { kind: 'relu' }];
  const pool = random() < 0.5 ? 'maxpool' : 'avgpool';
  layers.push({ kind: pool, kernel: 2, stride: int(1, 2), padding: int(0, 1), ceilMode: random() < 0.5 });
  if (random() < 0.5) layers.push({ kind: 'conv', out: int(1, 3), kernel: [1, 2], bias: random() < 0.5 });
  layers.push({ kind: 'flatten' }, { kind: 'linear', out: int(2, 4) });
  if (random() < 0.5) layers.push({ kind: 'relu' }, { kind: 'linear', out: int(2, 4), bias: false });
  return { layers, inputShape };
}

describe('createNetwork', () => {
  it("the whole network's gradient agrees with central differences on 60 random networks and batches", () => {
    let checked = 0;
    for (let trial = 0; trial < 60; trial++) {
      const { layers, inputShape } = randomNetwork();
      let network;
      try {
        network = createNetwork(layers, { inputShape, seed: trial });
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError); // some random stacks shrink the map to nothing
        continue;
      }
      const classes = network.shapes.at(-1)!.shape[0]!;
      const inputs = Array.from({ length: int(1, 3) }, () => randomInput(inputShape));
      const labels = inputs.map(() => int(0, classes - 1));
      const { loss, gradient } = network.lossAndGradient(inputs, labels);
      const params = network.parameters();
      const numeric = numericGradient(params, () => {
        network.setParameters(params);
        return network.lossAndGradient(inputs, labels).loss;
      });
      network.setParameters(params);
      expect(network.lossAndGradient(inputs, labels).loss).toBe(loss);
      expectGradientsClose(gradient, numeric, `network ${JSON.stringify(layers)}`, 1e-5);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('a batch larger than 32 (the linear layers grow their batch records) gives the mean of its examples\' gradients', () => {
    const network = createNetwork([{ kind: 'conv', out: 4, kernel: 3 }, { kind: 'relu' }, { kind: 'flatten' }, { kind: 'linear', out: 6 }, { kind: 'relu' }, { kind: 'linear', out: 3 }], { inputShape: [1, 5, 5], seed: 7 });
    const inputs = Array.from({ length: 45 }, () => randomInput([1, 5, 5]));
    const labels = inputs.map((_, n) => n % 3);
    const whole = network.lossAndGradient(inputs, labels).gradient;
    const mean = new Float64Array(whole.length);
    inputs.forEach((input, n) => network.lossAndGradient([input], [labels[n]!]).gradient.forEach((v, k) => (mean[k]! += v / inputs.length)));
    whole.forEach((v, k) => expect(v).toBeCloseTo(mean[k]!, 12));
  });

  it('a batch stopped by a bad label leaves nothing behind: the next batch gets the same gradient as on a fresh network', () => {
    const layers: NetworkLayer[] = [{ kind: 'flatten' }, { kind: 'linear', out: 5 }, { kind: 'relu' }, { kind: 'linear', out: 3 }];
    const [used, fresh] = [createNetwork(layers, { inputShape: [1, 3, 3], seed: 5 }), createNetwork(layers, { inputShape: [1, 3, 3], seed: 5 })];
    const inputs = Array.from({ length: 4 }, () => randomInput([1, 3, 3]));
    expect(() => used.lossAndGradient(inputs, [0, 1, 7, 2])).toThrow(RangeError);
    expect(used.lossAndGradient(inputs, [0, 1, 2, 0]).gradient).toEqual(fresh.lossAndGradient(inputs, [0, 1, 2, 0]).gradient);
  });

  it('ReLU passes positives unchanged and gives 0 (not −0) for negatives, −0 and 0, as torch.relu', () => {
    const network = createNetwork([{ kind: 'relu' }], { inputShape: [1, 1, 6] });
    const out = Array.from(network.forward({ shape: [1, 1, 6], data: Float64Array.from([2.5, -3, -0, 0, 1e-300, -1e-300]) }).data);
    expect(out.map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual([2.5, 0, 0, 0, 1e-300, 0]);
  });

  it('its loss is the mean softmax cross-entropy of its outputs (the softmax chapter’s function)', () => {
    const network = createNetwork([{ kind: 'flatten' }, { kind: 'linear', out: 3 }], { inputShape: [1, 2, 2], seed: 3 });
    const inputs = [randomInput([1, 2, 2]), randomInput([1, 2, 2])];
    const expected = inputs.reduce((sum, input, n) => sum + softmaxCrossEntropy(Array.from(network.forward(input).data), oneHot(3, n)).loss, 0) / 2;
    expect(network.lossAndGradient(inputs, [0, 1]).loss).toBeCloseTo(expected, 14);
  });

  it("initialises as PyTorch does: weights and biases in ±1/√fan_in, seeded, laid out in state_dict order", () => {
    const layers: NetworkLayer[] = [{ kind: 'conv', out: 4, kernel: 3 }, { kind: 'relu' }, { kind: 'flatten' }, { kind: 'linear', out: 10 }];
    const network = createNetwork(layers, { inputShape: [2, 5, 5], seed: 1 });
    expect(network.parameterCount).toBe(4 * 2 * 9 + 4 + 10 * 4 * 3 * 3 + 10);
    const params = network.parameters();
    const convBound = 1 / Math.sqrt(2 * 9);
    const linearBound = 1 / Math.sqrt(36);
    expect(Math.max(...params.subarray(0, 76).map(Math.abs))).toBeLessThanOrEqual(convBound);
    expect(Math.max(...params.subarray(0, 76).map(Math.abs))).toBeGreaterThan(0.8 * convBound);
    expect(Math.max(...params.subarray(76).map(Math.abs))).toBeLessThanOrEqual(linearBound);
    expect(Math.max(...params.subarray(76).map(Math.abs))).toBeGreaterThan(0.8 * linearBound);
    expect(createNetwork(layers, { inputShape: [2, 5, 5], seed: 1 }).parameters()).toEqual(params);
    expect(createNetwork(layers, { inputShape: [2, 5, 5], seed: 2 }).parameters()).not.toEqual(params);
    // setParameters then forward: a conv weight of 1 at the kernel's centre of channel 0, and nothing else.
    const custom = new Float64Array(network.parameterCount);
    custom[4] = 1; // weight [0, 0, 1, 1]: row-major [O, C, kH, kW]
    network.setParameters(custom);
    const input = randomInput([2, 5, 5]);
    const maps = network.activations(input)[0]!;
    expect(maps.shape).toEqual([4, 3, 3]);
    expect(maps.data[0]).toBe(input.data[6]); // output (0, 0) sees input (1, 1) of channel 0
  });

  it('inputGradient agrees with central differences for networks that keep a spatial map', () => {
    for (let trial = 0; trial < 30; trial++) {
      const pool = trial % 2 ? 'maxpool' : 'avgpool';
      const layers: NetworkLayer[] = [{ kind: 'conv', out: 2, kernel: 3, padding: 1, dilation: int(1, 2) }, { kind: 'relu' }, { kind: pool, kernel: 2, stride: int(1, 2), padding: int(0, 1) }, { kind: 'conv', out: 2, kernel: 2, stride: 2 }];
      const network = createNetwork(layers, { inputShape: [1, 10, 10], seed: trial });
      const input = randomInput([1, 10, 10]);
      const [, h, w] = network.shapes.at(-1)!.shape as [number, number, number];
      const unit = { channel: int(0, 1), y: int(0, h - 1), x: int(0, w - 1) };
      const analytic = network.inputGradient(input, unit);
      const index = (unit.channel * h + unit.y) * w + unit.x;
      const numeric = numericGradient(input.data as Float64Array, () => network.forward(input).data[index]!);
      expectGradientsClose(analytic.data, numeric, `trial ${trial}`);
    }
  });

  it("its receptive-field layers give analyze() the same output sizes as the network's own maps", () => {
    const layers: NetworkLayer[] = [{ kind: 'conv', out: 8, kernel: 5 }, { kind: 'relu' }, { kind: 'maxpool', kernel: 2 }, { kind: 'conv', out: 16, kernel: 5 }, { kind: 'relu' }, { kind: 'maxpool', kernel: 2 }, { kind: 'flatten' }, { kind: 'linear', out: 10 }];
    const network = createNetwork(layers, { inputShape: [1, 28, 28] });
    const rf = analyze(network.receptiveFieldLayers(), 28);
    expect(rf.map((r) => r.name)).toEqual(['conv1', 'maxpool1', 'conv2', 'maxpool2']);
    expect(rf.map((r) => r.outputSize[0])).toEqual([24, 12, 8, 4]);
    expect(rf.at(-1)!.rf).toEqual([16, 16]);
    expect(network.shapes.map((s) => s.shape)).toEqual([[8, 24, 24], [8, 24, 24], [8, 12, 12], [16, 8, 8], [16, 8, 8], [16, 4, 4], [256], [10]]);
  });

  it('refuses invalid networks with a RangeError naming the layer', () => {
    const shape = { inputShape: [1, 8, 8] as [number, number, number] };
    expect(() => createNetwork([{ kind: 'conv', out: 2, kernel: 9 }], shape)).toThrow(/Layer 1 \(conv1\).*does not fit the 8×8 input/);
    expect(() => createNetwork([{ kind: 'linear', out: 2 }], shape)).toThrow(/Layer 1 \(linear1\): a linear layer needs a flat input: put a flatten before it/);
    expect(() => createNetwork([{ kind: 'flatten' }, { kind: 'conv', out: 1, kernel: 1 }], shape)).toThrow(/Layer 2 \(conv1\).*after a flatten/);
    expect(() => createNetwork([{ kind: 'conv', out: 0, kernel: 1 }], shape)).toThrow(/Layer 1 \(conv1\): the number of kernels must be a whole number from 1/);
    expect(() => createNetwork([{ kind: 'maxpool', kernel: 2, padding: 2 }], shape)).toThrow(/Layer 1 \(maxpool1\)'s padding/);
    expect(() => createNetwork([{ kind: 'softmax' } as unknown as NetworkLayer], shape)).toThrow(/unknown kind "softmax"/);
    expect(() => createNetwork([], shape)).toThrow(/at least one layer/);
    const network = createNetwork([{ kind: 'flatten' }, { kind: 'linear', out: 3 }], shape);
    expect(() => network.lossAndGradient([randomInput([1, 8, 8])], [3])).toThrow(/Label 1 must be a whole number from 0 to 2/);
    expect(() => network.lossAndGradient([randomInput([1, 8, 8])], [])).toThrow(/as many labels as inputs/);
    expect(() => network.forward(randomInput([1, 8, 7]))).toThrow(/shape 1×8×8, not 1×8×7/);
    expect(() => network.inputGradient(randomInput([1, 8, 8]), { channel: 0, y: 0, x: 0 })).toThrow(/keep a spatial map, but flatten1 does not/);
  });
});

describe('parameterLayout', () => {
  it("names every weight and bias with its state_dict key, offset and PyTorch shape, covering the vector once", () => {
    const network = createNetwork([{ kind: 'conv', out: 3, kernel: [2, 3] }, { kind: 'relu' }, { kind: 'flatten' }, { kind: 'linear', out: 4, bias: false }], { inputShape: [2, 4, 5] });
    const layout = network.parameterLayout();
    expect(layout).toEqual([
      { key: '0.weight', layer: 'conv1', offset: 0, shape: [3, 2, 2, 3] },
      { key: '0.bias', layer: 'conv1', offset: 36, shape: [3] },
      { key: '3.weight', layer: 'linear1', offset: 39, shape: [4, 3 * 3 * 3] },
    ]);
    expect(layout.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0)).toBe(network.parameterCount);
  });
});
