import { describe, expect, it } from 'vitest';
import { analyze, bottomUpSteps, poolOutputSize, presets, receptiveFieldRegion, topDownSteps, type Layer } from '../../src/compute';
import { seededRandom } from './random';

/**
 * The seed post's script, re-implemented independently: output size by the same floor formula, stride as the
 * product of strides up to and including the layer, and the receptive field by its top-down recursion
 * RF = (RF − 1) · stride + fsize.
 */
function seedScript(table: readonly [number, number, number][], inputSize: number) {
  return table.map((_, i) => {
    let size = inputSize;
    let stride = 1;
    for (const [k, s, p] of table.slice(0, i + 1)) {
      size = Math.floor((size - k + 2 * p) / s) + 1;
      stride *= s;
    }
    let rf = 1;
    for (const [k, s] of table.slice(0, i + 1).reverse()) rf = (rf - 1) * s + k;
    return { size, stride, rf };
  });
}

const tableOf = (layers: Layer[]) => layers.map((l) => [l.kernel, l.stride ?? 1, l.padding ?? 0] as [number, number, number]);

describe("the seed's three networks at 224 × 224", () => {
  it.each(['alexnet', 'vgg16', 'zf5'])('%s matches the seed script layer by layer', (key) => {
    const { layers, inputSize } = presets[key]!;
    const expected = seedScript(tableOf(layers), inputSize);
    const got = analyze(layers, inputSize);
    got.forEach((row, i) => {
      expect(row.outputSize).toEqual([expected[i]!.size, expected[i]!.size]);
      expect(row.stride).toEqual([expected[i]!.stride, expected[i]!.stride]);
      expect(row.rf).toEqual([expected[i]!.rf, expected[i]!.rf]);
    });
  });

  it('AlexNet: conv1 54/4/11 … pool5 5/32/195, as printed by the seed script', () => {
    const rows = analyze(presets['alexnet']!.layers, 224).map((r) => [r.name, r.outputSize[0], r.stride[0], r.rf[0]]);
    expect(rows).toEqual([
      ['conv1', 54, 4, 11], ['pool1', 26, 8, 19], ['conv2', 26, 8, 51], ['pool2', 12, 16, 67],
      ['conv3', 12, 16, 99], ['conv4', 12, 16, 131], ['conv5', 12, 16, 163], ['pool5', 5, 32, 195],
    ]);
  });
});

describe('published anchors', () => {
  const last = (key: string) => analyze(presets[key]!.layers, presets[key]!.inputSize).at(-1)!;
  it("R-CNN: AlexNet pool5 sees 195 × 195 pixels with a 32-pixel stride (seed's and torchvision's AlexNet)", () => {
    for (const key of ['alexnet', 'torchvision/alexnet']) {
      expect(last(key).rf).toEqual([195, 195]);
      expect(last(key).stride).toEqual([32, 32]);
    }
  });
  it("Distill's table: VGG16 212 / 32 / 90 and Inception v3 1311 / 32 / 618", () => {
    expect([last('vgg16').rf[0], last('vgg16').stride[0], last('vgg16').padding[0]]).toEqual([212, 32, 90]);
    expect([last('torchvision/vgg16').rf[0], last('torchvision/vgg16').stride[0], last('torchvision/vgg16').padding[0]]).toEqual([212, 32, 90]);
    const inception = last('torchvision/inception_v3');
    expect([inception.rf, inception.stride, inception.padding]).toEqual([[1311, 1311], [32, 32], [618, 618]]);
  });
  it("torchvision's documented feature-map sizes (224 input; Inception v3 at 299)", () => {
    const sizes = Object.fromEntries(Object.keys(presets).map((key) => [key, last(key).outputSize[0]]));
    expect(sizes).toMatchObject({
      'torchvision/alexnet': 6, 'torchvision/vgg16': 7, 'torchvision/vgg19': 7, 'torchvision/resnet18': 7,
      'torchvision/resnet50': 7, 'torchvision/resnet152': 7, 'torchvision/mobilenet_v2': 7, 'torchvision/googlenet': 7,
      'torchvision/inception_v3': 8, 'torchvision/densenet121': 7, 'torchvision/squeezenet1_0': 13,
    });
    for (const key of Object.keys(presets)) expect(last(key).aligned).toBe(true);
  });
  it('"doubling at pooling" is wrong: VGG16 pool5 is 212, not 308', () => {
    expect(last('vgg16').rf[0]).not.toBe(308);
  });
});

describe('PyTorch output sizes', () => {
  it.each([
    // [input, kernel, stride, padding, dilation, ceil, expected] — checked against torch.nn.MaxPool2d's rule.
    [112, 3, 2, 0, 1, false, 55],
    [112, 3, 2, 0, 1, true, 56],
    [14, 2, 2, 0, 1, true, 7],
    [5, 2, 2, 1, 1, true, 3], // ceil would give 4, but that window would start in the right padding
    [6, 3, 2, 1, 1, true, 4],
    [7, 3, 2, 1, 1, true, 4],
    [10, 3, 1, 0, 2, false, 6],
  ])('pool n=%i k=%i s=%i p=%i d=%i ceil=%s → %i', (n, k, s, p, d, ceil, expected) => {
    expect(poolOutputSize(n, k, s, p, d, ceil)).toBe(expected);
  });

  it('dilation widens the kernel to d(k − 1) + 1', () => {
    const [row] = analyze([{ kind: 'conv', kernel: 3, dilation: 2 }], 10);
    expect(row!.outputSize).toEqual([6, 6]);
    expect(row!.rf).toEqual([5, 5]);
    const two = analyze([{ kind: 'conv', kernel: 3, stride: 2 }, { kind: 'conv', kernel: 3, dilation: 4, padding: 4 }], 32);
    expect(two[1]!.rf).toEqual([3 + 8 * 2, 3 + 8 * 2]);
    expect(two[1]!.padding).toEqual([8, 8]);
  });

  it('height and width are independent', () => {
    const [row] = analyze([{ kind: 'conv', kernel: [1, 7], padding: [0, 3], stride: [1, 2] }], [20, 30]);
    expect(row).toMatchObject({ outputSize: [20, 15], rf: [1, 7], stride: [1, 2], padding: [0, 3] });
  });
});

describe('multi-path networks', () => {
  it('aligned branches: the merge reports the largest receptive field', () => {
    const layers: Layer[] = [
      { name: 'a', kind: 'conv', kernel: 3, padding: 1, inputs: ['input'] },
      { name: 'b', kind: 'conv', kernel: 5, padding: 2, inputs: ['input'] },
      { name: 'sum', kind: 'add', inputs: ['a', 'b'] },
    ];
    const merged = analyze(layers, 16)[2]!;
    expect(merged).toMatchObject({ rf: [5, 5], padding: [2, 2], aligned: true });
  });

  it('misaligned branches are flagged, and the flag propagates', () => {
    const layers: Layer[] = [
      // Both give 8 × 8 from 16 × 16, but unit 0 of a is centred at pixel 0.5 and unit 0 of b at pixel 0.
      { name: 'a', kind: 'conv', kernel: 2, stride: 2, inputs: ['input'] },
      { name: 'b', kind: 'conv', kernel: 3, stride: 2, padding: 1, inputs: ['input'] },
      { name: 'cat', kind: 'concat', inputs: ['a', 'b'] },
      { name: 'after', kind: 'conv', kernel: 1 },
    ];
    const rows = analyze(layers, 16);
    expect(rows.map((r) => r.outputSize[0])).toEqual([8, 8, 8, 8]);
    expect(rows[2]!.aligned).toBe(false);
    expect(rows[2]!.rf).toEqual([3, 3]);
    expect(rows[3]!.aligned).toBe(false);
  });

  it('branches of different sizes cannot be merged', () => {
    const layers: Layer[] = [
      { name: 'a', kind: 'conv', kernel: 3, inputs: ['input'] },
      { name: 'b', kind: 'conv', kernel: 1, inputs: ['input'] },
      { name: 'sum', kind: 'add', inputs: ['a', 'b'] },
    ];
    expect(() => analyze(layers, 16)).toThrow(/Layer "sum": add needs inputs of the same size, but got 14 and 16/);
  });
});

describe('an independent route: propagating input intervals', () => {
  /** The input pixels one output unit depends on, found by walking the window back through every layer. */
  function bruteForceExtent(layers: readonly { k: number; s: number; p: number; d: number }[], unit: number): [number, number] {
    let [lo, hi] = [unit, unit];
    for (const { k, s, p, d } of [...layers].reverse()) [lo, hi] = [lo * s - p, hi * s - p + d * (k - 1)];
    return [lo, hi];
  }

  it('agrees with analyze on 300 random stacks, for every output unit', () => {
    const random = seededRandom(2019);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    for (let trial = 0; trial < 300; trial++) {
      const depth = int(1, 8);
      const spec = Array.from({ length: depth }, () => ({ k: int(1, 5), s: int(1, 3), p: int(0, 2), d: int(1, 3) }));
      const layers: Layer[] = spec.map(({ k, s, p, d }, i) => ({ name: `l${i}`, kind: 'conv', kernel: k, stride: s, padding: p, dilation: d }));
      let rows;
      try {
        rows = analyze(layers, 400);
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError); // the input shrank to nothing: a legitimate refusal
        continue;
      }
      const last = rows.at(-1)!;
      for (let u = 0; u < last.outputSize[0]; u++) {
        expect(receptiveFieldRegion(last, u)).toEqual(bruteForceExtent(spec, u));
      }
    }
  });
});

describe('invalid networks', () => {
  const conv = (extra: Partial<Layer> = {}): Layer => ({ kind: 'conv', kernel: 3, ...extra });
  it.each([
    [[conv({ name: 'x', inputs: ['nope'] })], /Layer "x": unknown input "nope"/],
    [[conv({ name: 'big', kernel: 50 })], /Layer "big": .*too small/],
    [[conv({ name: 'k0', kernel: 0 })], /Layer "k0": the kernel size must be at least 1/],
    [[conv({ name: 's0', stride: 0 })], /Layer "s0": the stride must be at least 1/],
    [[conv({ name: 'half', kernel: 2.5 })], /Layer "half": the kernel size must be whole numbers/],
    [[conv({ name: 'a', inputs: ['b'] }), conv({ name: 'b', inputs: ['a'] })], /cycle/],
    [[conv({ name: 'a' }), conv({ name: 'a' })], /"a" is used twice/],
    [[{ kind: 'maxpool', name: 'pad', kernel: 2, padding: 2 }], /Layer "pad": pooling padding must be at most half/],
    [[{ kind: 'add', name: 'lonely' }], /Layer "lonely": add needs at least two inputs/],
    [[{ kind: 'conv', name: 'nok' }], /Layer "nok": a conv layer needs a kernel size/],
  ] as [Layer[], RegExp][])('%# throws a RangeError naming the layer', (layers, message) => {
    expect(() => analyze(layers, 32)).toThrow(RangeError);
    expect(() => analyze(layers, 32)).toThrow(message);
  });
  it('rejects a bad input size', () => {
    expect(() => analyze([conv()], 0)).toThrow(/input size must be at least 1/);
    expect(() => analyze([conv()], 10.5)).toThrow(/input size must be whole numbers/);
  });
});

describe('the two recursions', () => {
  it('top-down and bottom-up reach the same receptive field as analyze, for every layer of every plain preset', () => {
    for (const key of ['alexnet', 'vgg16', 'zf5', 'torchvision/alexnet', 'torchvision/vgg19']) {
      const { layers, inputSize } = presets[key]!;
      const rows = analyze(layers, inputSize);
      rows.forEach((row, i) => {
        expect(topDownSteps(layers, i).at(-1)!.rf).toBe(row.rf[1]);
        expect(bottomUpSteps(layers, i).at(-1)!.rf).toBe(row.rf[1]);
      });
    }
  });
  it('shows each step: AlexNet pool5 top-down is 3, 5, 7, 9, 19, 23, 47, 195 (the R-CNN derivation)', () => {
    expect(topDownSteps(presets['alexnet']!.layers, 7).map((s) => s.rf)).toEqual([3, 5, 7, 9, 19, 23, 47, 195]);
  });
  it('refuses branches and bad indices', () => {
    expect(() => topDownSteps(presets['torchvision/resnet18']!.layers, 10)).toThrow(/plain stack/);
    expect(() => topDownSteps(presets['alexnet']!.layers, 8)).toThrow(/between 0 and 7/);
  });
});
