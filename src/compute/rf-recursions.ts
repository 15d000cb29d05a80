/**
 * The two ways to compute a receptive field, step by step, for a plain stack of layers (no branches): the seed's
 * top-down recursion RF ← (RF − 1)·s + k from one unit of the top layer down to the image, and the bottom-up
 * recursion r ← r + (k − 1)·j, j ← j·s from the image up. Dilation enters both as the effective kernel d(k − 1) + 1.
 */
import type { Layer } from './receptive-field.ts';
import { effectiveKernel, pairOf } from './shapes.ts';

/** One step of a recursion, along one axis (width). */
export interface RecursionStep {
  layer: string;
  kernel: number;
  stride: number;
  /** Top-down: RF measured in the units of the layer below this one. Bottom-up: RF of this layer in pixels. */
  rf: number;
  /** Bottom-up only: the jump (effective stride) of this layer's input, used in this step. */
  jumpBefore?: number;
}

function plainStack(layers: readonly Layer[], upTo: number): { name: string; k: number; s: number }[] {
  if (!Number.isInteger(upTo) || upTo < 0 || upTo >= layers.length) {
    throw new RangeError(`The layer index must be between 0 and ${layers.length - 1}, but is ${upTo}.`);
  }
  return layers.slice(0, upTo + 1).map((layer, i) => {
    const name = layer.name ?? `layer${i + 1}`;
    if (layer.kind === 'add' || layer.kind === 'concat' || (layer.inputs && layer.inputs.length !== 1)) {
      throw new RangeError(`Layer "${name}": the step-by-step recursions need a plain stack without branches.`);
    }
    const k = pairOf(layer.kernel, 1, `Layer "${name}": the kernel size`, 1)[1];
    const d = pairOf(layer.dilation, 1, `Layer "${name}": the dilation`, 1)[1];
    return { name, k: effectiveKernel(k, d), s: pairOf(layer.stride, 1, `Layer "${name}": the stride`, 1)[1] };
  });
}

/** The seed's top-down recursion for one unit of layer `upTo`: one step per layer, from `upTo` down to the first. */
export function topDownSteps(layers: readonly Layer[], upTo: number): RecursionStep[] {
  let rf = 1;
  return plainStack(layers, upTo)
    .reverse()
    .map(({ name, k, s }) => {
      rf = (rf - 1) * s + k;
      return { layer: name, kernel: k, stride: s, rf };
    });
}

/** The bottom-up recursion: one step per layer from the first up to `upTo`, with the jump it uses. */
export function bottomUpSteps(layers: readonly Layer[], upTo: number): RecursionStep[] {
  let rf = 1;
  let jump = 1;
  return plainStack(layers, upTo).map(({ name, k, s }) => {
    const jumpBefore = jump;
    rf += (k - 1) * jump;
    jump *= s;
    return { layer: name, kernel: k, stride: s, rf, jumpBefore };
  });
}
