import { describe, expect, it } from 'vitest';
import { convStack, createNetwork, effectiveReceptiveField, positionEffectiveReceptiveField, mapStatistics, receptiveFieldRegion, truncateNetwork, type NetworkLayer, type Tensor } from '../../src/compute';
import { seededRandom } from './random';
import { expectGradientsClose, numericGradient } from './gradcheck';

const random = seededRandom(7);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const randomInput = (shape: readonly number[]): Tensor => ({ shape: [...shape], data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * random() - 1) });

describe('effectiveReceptiveField on stacks of uniform kernels (the central limit theorem, exactly)', () => {
  it('per-axis variance is n(k² − 1)/12 for many depths n and kernel sizes k (dilation d: times d²)', () => {
    for (const kernel of [3, 5, 7]) {
      for (const depth of [1, 2, 3, 5, 8, 13, 20]) {
        for (const dilation of [1, 2]) {
          const rf = 1 + depth * dilation * (kernel - 1);
          const erf = effectiveReceptiveField(convStack({ depth, kernel, weights: 'uniform', dilation, inputSize: rf + 8 }));
          const expected = (depth * dilation ** 2 * (kernel ** 2 - 1)) / 12;
          expect(Math.abs(erf.std[0] ** 2 - expected), `n=${depth} k=${kernel} d=${dilation}`).toBeLessThan(1e-9);
          expect(Math.abs(erf.std[1] ** 2 - expected)).toBeLessThan(1e-9);
          // The whole theoretical field fits the input, so nothing is lost at the border.
          expect(erf.theoretical.rf[0]).toBe(rf);
        }
      }
    }
  });

  it('the standard deviation grows like √n: its log–log slope against depth is 0.5', () => {
    const depths = [1, 2, 4, 8, 16, 32];
    const points = depths.map((depth) => [Math.log(depth), Math.log(effectiveReceptiveField(convStack({ depth, kernel: 3, weights: 'uniform', inputSize: 129 })).std[0])] as const);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const [mx, my] = [mean(points.map((p) => p[0])), mean(points.map((p) => p[1]))];
    const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    expect(Math.abs(slope - 0.5)).toBeLessThan(1e-9);
  });

  it('the map sums to 1, is symmetric, and peaks at the unit’s centre', () => {
    const erf = effectiveReceptiveField(convStack({ depth: 6, kernel: 3, weights: 'uniform' }));
    const [h, w] = erf.map.shape as [number, number];
    expect(Math.abs(Array.from(erf.map.data).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    const [cy, cx] = erf.centre;
    const peak = erf.map.data.indexOf(Math.max(...erf.map.data));
    expect([Math.floor(peak / w), peak % w]).toEqual([cy, cx]);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(erf.map.data[y * w + x]).toBeCloseTo(erf.map.data[(2 * cy - y) * w + x]!, 14);
  });
});

describe('effectiveReceptiveField on any network of conv and pooling layers', () => {
  /** A random stack with strides, paddings, dilations, both poolings and ReLU that fits its input. */
  function randomStack(): { layers: NetworkLayer[]; size: number } {
    const layers: NetworkLayer[] = [];
    for (let l = 0; l < int(1, 4); l++) {
      layers.push({ kind: 'conv', out: int(1, 2), kernel: int(1, 3), stride: int(1, 2), padding: int(0, 1), dilation: int(1, 2) });
      if (random() < 0.5) layers.push({ kind: 'relu' });
      if (random() < 0.4) layers.push({ kind: random() < 0.5 ? 'maxpool' : 'avgpool', kernel: 2, stride: int(1, 2), padding: int(0, 1), ceilMode: random() < 0.5 });
    }
    return { layers, size: int(16, 24) };
  }

  it("the map's support never leaves the theoretical receptive field (analyze), on random stacks", () => {
    let checked = 0;
    for (let trial = 0; checked < 60 && trial < 400; trial++) {
      const { layers, size } = randomStack();
      let network;
      try {
        network = createNetwork(layers, { inputShape: [int(1, 2), size, size], seed: trial });
      } catch {
        continue; // a stack that shrank below one pixel
      }
      const [channels, h, w] = network.shapes.at(-1)!.shape as [number, number, number];
      const unit = { channel: int(0, channels - 1), y: int(0, h - 1), x: int(0, w - 1) };
      let erf;
      try {
        erf = effectiveReceptiveField(network, { unit, samples: 3, seed: trial });
      } catch (error) {
        expect(String(error)).toMatch(/does not depend on the input/); // every ReLU on its path off
        continue;
      }
      const [top, bottom] = receptiveFieldRegion(erf.theoretical, unit.y, 0);
      const [left, right] = receptiveFieldRegion(erf.theoretical, unit.x, 1);
      erf.map.data.forEach((p, i) => {
        const [y, x] = [Math.floor(i / size), i % size];
        if (p > 0) expect(y >= top && y <= bottom && x >= left && x <= right, `trial ${trial}: pixel (${y}, ${x}) outside rows ${top}…${bottom}, columns ${left}…${right}`).toBe(true);
      });
      checked++;
    }
    expect(checked).toBe(60);
  });

  it('inputGradient agrees with central differences on stacks with stride, dilation, ReLU and pooling', () => {
    for (let trial = 0; trial < 20; trial++) {
      const network = convStack({ depth: int(2, 4), kernel: 3, weights: 'random', relu: true, strided: int(0, 1), dilation: int(1, 2), inputSize: 15, seed: trial });
      const input = randomInput(network.inputShape);
      const [, h, w] = network.shapes.at(-1)!.shape as [number, number, number];
      const unit = { channel: 0, y: int(0, h - 1), x: int(0, w - 1) };
      const numeric = numericGradient(input.data as Float64Array, () => network.forward(input).data[unit.y * w + unit.x]!);
      expectGradientsClose(network.inputGradient(input, unit).data, numeric, `trial ${trial}`);
    }
  });

  it('a linear network needs one input; a ReLU network averages over its samples, seeded', () => {
    const linearStack = convStack({ depth: 4, kernel: 3, weights: 'random', seed: 3 });
    expect(effectiveReceptiveField(linearStack, { samples: 9, seed: 1 }).map.data).toEqual(effectiveReceptiveField(linearStack, { samples: 1, seed: 2 }).map.data);
    const reluStack = convStack({ depth: 4, kernel: 3, weights: 'random', relu: true, seed: 3 });
    const a = effectiveReceptiveField(reluStack, { samples: 8, seed: 1 });
    expect(effectiveReceptiveField(reluStack, { samples: 8, seed: 1 }).map.data).toEqual(a.map.data);
    expect(effectiveReceptiveField(reluStack, { samples: 8, seed: 2 }).map.data).not.toEqual(a.map.data);
  });

  it('explains what it cannot measure', () => {
    const classifier = createNetwork([{ kind: 'conv', out: 1, kernel: 3 }, { kind: 'flatten' }, { kind: 'linear', out: 2 }], { inputShape: [1, 8, 8] });
    expect(() => effectiveReceptiveField(classifier)).toThrow(/convolution and pooling layers only/);
    const dead = createNetwork([{ kind: 'conv', out: 1, kernel: 3, bias: false }, { kind: 'relu' }, { kind: 'conv', out: 1, kernel: 1, bias: false }], { inputShape: [1, 8, 8] });
    dead.setParameters(new Float64Array(dead.parameterCount));
    expect(() => effectiveReceptiveField(dead)).toThrow(/does not depend on the input/);
    expect(() => convStack({ depth: 3, kernel: 4, weights: 'uniform' })).toThrow(/kernel size must be 1, 3, 5 or 7/);
    expect(() => convStack({ depth: 0, kernel: 3, weights: 'uniform' })).toThrow(/number of layers/);
  });
});

describe('positionEffectiveReceptiveField', () => {
  it('averages the normalised maps of the channels at a position, leaving out channels that never fire', () => {
    const network = createNetwork([{ kind: 'conv', out: 3, kernel: 3, padding: 1 }, { kind: 'relu' }, { kind: 'conv', out: 3, kernel: 3, bias: false }], { inputShape: [1, 9, 9], seed: 4 });
    const params = network.parameters();
    // Silence channel 2 of the last layer: its unit then never depends on the input.
    const last = network.parameterLayout().at(-1)!;
    params.fill(0, last.offset + 2 * 27, last.offset + 3 * 27);
    network.setParameters(params);
    const options = { y: 3, x: 4, samples: 5, seed: 9 };
    const field = positionEffectiveReceptiveField(network, options);
    expect(field.channels).toBe(2);
    const maps = [0, 1].map((channel) => effectiveReceptiveField(network, { ...options, unit: { channel, y: 3, x: 4 } }).map.data);
    field.map.data.forEach((p, i) => expect(p).toBeCloseTo((maps[0]![i]! + maps[1]![i]!) / 2, 15));
    expect(field.std).toEqual(mapStatistics(field.map, field.centre).std);
  });
});

describe('mapStatistics and truncateNetwork', () => {
  it('std and the 95 % square agree with brute force on random maps and centres', () => {
    for (let trial = 0; trial < 50; trial++) {
      const [h, w] = [int(3, 12), int(3, 12)];
      const raw = Array.from({ length: h * w }, () => random() ** 3);
      const total = raw.reduce((a, b) => a + b, 0);
      const map: Tensor = { shape: [h, w], data: Float64Array.from(raw, (v) => v / total) };
      const centre: [number, number] = [int(0, 2 * h - 2) / 2, int(0, 2 * w - 2) / 2];
      const { std, mass95 } = mapStatistics(map, centre);
      let [vy, vx] = [0, 0];
      map.data.forEach((p, i) => ((vy += p * (Math.floor(i / w) - centre[0]) ** 2), (vx += p * ((i % w) - centre[1]) ** 2)));
      expect(std[0]).toBeCloseTo(Math.sqrt(vy), 12);
      expect(std[1]).toBeCloseTo(Math.sqrt(vx), 12);
      // The long way: grow the square one pixel at a side at a time and sum what it covers.
      const inside = (side: number) => Array.from(map.data).reduce((s: number, p, i) => (Math.abs(Math.floor(i / w) - centre[0]) <= (side - 1) / 2 + 1e-9 && Math.abs((i % w) - centre[1]) <= (side - 1) / 2 + 1e-9 ? s + p : s), 0);
      let side = 1;
      while (inside(side) < 0.95 - 1e-12) side++;
      expect(mass95, `trial ${trial}`).toBe(side);
    }
  });

  it('a network cut at a layer computes what that layer of the whole network computes', () => {
    const network = createNetwork([{ kind: 'conv', out: 3, kernel: 3, padding: 1 }, { kind: 'relu' }, { kind: 'maxpool', kernel: 2 }, { kind: 'conv', out: 2, kernel: 3 }, { kind: 'flatten' }, { kind: 'linear', out: 4 }], { inputShape: [1, 10, 10], seed: 5 });
    const input = randomInput([1, 10, 10]);
    const activations = network.activations(input);
    for (const count of [1, 3, 4]) expect(truncateNetwork(network, count).forward(input).data).toEqual(activations[count - 1]!.data);
    expect(() => truncateNetwork(network, 7)).toThrow(/number of layers kept/);
  });
});
