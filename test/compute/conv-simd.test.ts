import { afterEach, describe, expect, it, vi } from 'vitest';
import { cnnPresets, createNetwork } from '../../src/compute';
import { convGeometry } from '../../src/compute/conv-kernels';
import { accelerateProducts, backwardProducts, forwardProducts } from '../../src/compute/conv-products';
import { useSimd } from '../../src/compute/conv-simd';
import { seededRandom } from './random';

const random = seededRandom(2026);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
/** Values in [−1, 1), a share `zeros` of them exactly 0. */
const sparse = (n: number, zeros: number) => Float64Array.from({ length: n }, () => (random() < zeros ? 0 : 2 * random() - 1));
afterEach(() => {
  useSimd(false);
  vi.unstubAllGlobals();
});

/** A random layer: odd and even kernel counts and tap counts, strides, paddings and dilations, rows split by dilation. */
function randomLayer() {
  for (;;) {
    const input = [int(1, 4), int(3, 14), int(3, 14)];
    const weight = [int(1, 9), input[0]!, int(1, 5), int(1, 5)];
    const options = { stride: [int(1, 3), int(1, 3)] as [number, number], padding: [int(0, 2), int(0, 2)] as [number, number], dilation: [int(1, 2), int(1, 2)] as [number, number] };
    try {
      return { g: convGeometry(input, weight, options), input, weight, options };
    } catch {
      // the kernel does not fit: draw again
    }
  }
}

/** `run` once with the WebAssembly kernels forced on for every size, once with them off; both results. */
function bothWays<T>(run: () => T): [T, T] {
  useSimd(true, 0);
  const simd = run();
  useSimd(false);
  return [simd, run()];
}

/** Every entry identical, the sign of zero included (Object.is), not merely close. */
function expectSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const first = actual.findIndex((v, i) => !Object.is(v, expected[i]));
  expect(first, `${what}: first difference at ${first}: ${actual[first]} against ${expected[first]}`).toBe(-1);
}

describe('convolution as WebAssembly SIMD: the same bits as the JavaScript loops', () => {
  it('is off until asked for, available in this engine, and used from 20,000 multiply-adds a pass on', () => {
    expect(accelerateProducts(null)).toBeNull();
    expect(useSimd()).toBe(true);
    const installed = accelerateProducts(null);
    expect(installed?.from).toBe(20_000);
    expect(useSimd(false)).toBe(false);
    expect(accelerateProducts(null)).toBeNull();
  });

  it('forward: 300 random layers, dense inputs and mostly blank ones (empty windows skipped)', () => {
    for (let trial = 0; trial < 300; trial++) {
      const { g, input, weight } = randomLayer();
      const x = sparse(input.reduce((a, b) => a * b, 1), trial % 2 ? 0.85 : 0.1);
      const w = sparse(weight.reduce((a, b) => a * b, 1), 0);
      const start = sparse(g.kernels * g.outHeight * g.outWidth, 0);
      const [simd, js] = bothWays(() => {
        const out = start.slice();
        forwardProducts(x, w, out, g, trial % 2 === 1);
        return out;
      });
      expectSameBits(simd, js, `trial ${trial}, ${input.join('×')} * ${weight.join('×')}`);
    }
  });

  it('backward: 300 random layers, every combination of the gradients asked for, adding to what is there', () => {
    for (let trial = 0; trial < 300; trial++) {
      const { g, input, weight } = randomLayer();
      const x = sparse(input.reduce((a, b) => a * b, 1), 0.3);
      const w = sparse(weight.reduce((a, b) => a * b, 1), 0);
      // Behind ReLU and max pooling most output gradients are 0; some kernels get none at all.
      const gradOut = sparse(g.kernels * g.outHeight * g.outWidth, [0, 0.8, 0.99][trial % 3]!);
      const before = { input: sparse(x.length, 0), weight: sparse(w.length, 0), bias: sparse(g.kernels, 0) };
      const asked = { input: trial % 4 !== 1, weight: trial % 4 !== 2, bias: trial % 4 !== 3 };
      const [simd, js] = bothWays(() => {
        const gradInput = asked.input ? before.input.slice() : null;
        const gradWeight = asked.weight ? before.weight.slice() : null;
        const gradBias = asked.bias ? before.bias.slice() : null;
        backwardProducts(x, w, gradOut, gradInput, gradWeight, gradBias, g);
        return [gradInput, gradWeight, gradBias];
      });
      ['input', 'weight', 'bias'].forEach((name, k) => {
        if (js[k]) expectSameBits(simd[k]!, js[k], `trial ${trial}, ${name} gradient of ${input.join('×')} * ${weight.join('×')}`);
        else expect(simd[k]).toBeNull();
      });
    }
  });

  it('a whole LeNet-5: the loss and the gradient of a batch of digits-like inputs are the same bits either way', () => {
    const inputs = Array.from({ length: 4 }, () => ({ shape: [1, 28, 28], data: sparse(784, 0.8).map(Math.abs) }));
    const labels = [3, 1, 4, 1];
    const [simd, js] = bothWays(() => createNetwork(cnnPresets.lenet5.layers, { inputShape: [1, 28, 28], seed: 5 }).lossAndGradient(inputs, labels));
    expect(Object.is(simd.loss, js.loss)).toBe(true);
    expectSameBits(simd.gradient, js.gradient, 'LeNet-5 gradient');
  });

  it('where the engine refuses to compile (a policy without wasm-unsafe-eval), the JavaScript loops run: same numbers, no error', () => {
    const { g, input, weight, options } = randomLayer();
    const x = sparse(input.reduce((a, b) => a * b, 1), 0.2);
    const w = sparse(weight.reduce((a, b) => a * b, 1), 0);
    const expected = new Float64Array(g.kernels * g.outHeight * g.outWidth);
    forwardProducts(x, w, expected, g);
    let attempts = 0;
    const refused = { validate: () => true, Instance: WebAssembly.Instance, Module: class { constructor() { attempts++; throw new Error('WebAssembly.Module(): refused by the Content-Security-Policy'); } } };
    vi.stubGlobal('WebAssembly', refused);
    expect(useSimd(true, 0)).toBe(true);
    const fresh = convGeometry(input, weight, options);
    for (let call = 0; call < 3; call++) {
      const out = new Float64Array(expected.length);
      expect(() => forwardProducts(x, w, out, fresh)).not.toThrow();
      expectSameBits(out, expected, 'refused');
    }
    // The refusal is remembered for the layer: one attempt, not one per call.
    expect(attempts).toBe(1);
  });
});
