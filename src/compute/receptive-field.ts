/**
 * Receptive fields of convolutional networks, after Araujo, Norris & Sim, "Computing Receptive Fields of
 * Convolutional Neural Networks" (Distill, 2019). Each layer's output is described, per axis, by its size n, its
 * effective stride (jump) j, its receptive-field size r and its effective padding P: output unit u (0-based) sees
 * input pixels u·j − P … u·j − P + r − 1. Networks may branch and merge (add, concat).
 */
import { convOutputSize, effectiveKernel, pairOf, poolOutputSize, type Pair } from './shapes.ts';

/** One layer of a network. Merges (add, concat) take no kernel, stride, padding or dilation. */
export interface Layer {
  name?: string;
  kind: 'conv' | 'maxpool' | 'avgpool' | 'add' | 'concat';
  kernel?: Pair;
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  /** Pooling only: PyTorch's ceil_mode. */
  ceilMode?: boolean;
  /** Names of the layers feeding this one ("input" is the image); default: the previous layer, or the image. */
  inputs?: string[];
}

/** What `analyze` reports for one layer's output, as [height, width] pairs. */
export interface LayerResult {
  name: string;
  outputSize: [number, number];
  /** Effective stride (jump): distance in input pixels between neighbouring output units. */
  stride: [number, number];
  /** Receptive-field size of one output unit, in input pixels. */
  rf: [number, number];
  /** Effective padding: how far the first unit's receptive field starts before the image (Araujo et al.). */
  padding: [number, number];
  /** False when a merge at or before this layer joins paths whose receptive fields are not centred alike. */
  aligned: boolean;
}

/** The name that refers to the network's input image in `inputs`. */
export const INPUT = 'input';

/** Per-axis geometry of one feature map. */
interface Axis {
  n: number;
  j: number;
  r: number;
  p: number;
}
interface Node {
  axes: [Axis, Axis];
  aligned: boolean;
}

const MERGES = new Set(['add', 'concat']);
const KINDS = new Set(['conv', 'maxpool', 'avgpool', 'add', 'concat']);

/** Propagates one axis through a conv or pooling layer (the bottom-up recursion). */
function throughLayer(axis: Axis, layer: Layer, k: number, s: number, p: number, d: number, name: string): Axis {
  const n =
    layer.kind === 'conv'
      ? convOutputSize(axis.n, k, s, p, d)
      : poolOutputSize(axis.n, k, s, p, d, layer.ceilMode === true);
  if (n < 1) {
    throw new RangeError(`Layer "${name}": its input of size ${axis.n} is too small for kernel ${k}, dilation ${d}, padding ${p} (output size ${n}).`);
  }
  return { n, j: axis.j * s, r: axis.r + (effectiveKernel(k, d) - 1) * axis.j, p: axis.p + p * axis.j };
}

/** Joins paths: sizes must agree; the largest receptive field is reported; alignment compares centres and jumps. */
function merge(inputs: Node[], name: string, kind: string): Node {
  const axes = [0, 1].map((a) => {
    const sizes = new Set(inputs.map((node) => node.axes[a]!.n));
    if (sizes.size > 1) {
      throw new RangeError(`Layer "${name}": ${kind} needs inputs of the same size, but got ${[...sizes].join(' and ')}.`);
    }
    return inputs.map((node) => node.axes[a]!).reduce((best, axis) => (axis.r > best.r ? axis : best));
  }) as [Axis, Axis];
  // Centre of unit 0 is (r − 1)/2 − P; compare doubled to stay in integers.
  const centred = (a: 0 | 1) => new Set(inputs.map((node) => `${node.axes[a].j}:${node.axes[a].r - 1 - 2 * node.axes[a].p}`)).size === 1;
  return { axes, aligned: inputs.every((node) => node.aligned) && centred(0) && centred(1) };
}

/**
 * Output size, effective stride, receptive field and effective padding of every layer of a network, in the order
 * given. PyTorch's output-size rules (floor, ceil_mode, dilation). Throws RangeError naming the layer for unknown
 * inputs, cycles, non-integer or non-positive sizes, or a feature map that shrinks below 1.
 */
export function analyze(layers: readonly Layer[], inputSize: Pair): LayerResult[] {
  const [h, w] = pairOf(inputSize, 0, 'The input size', 1);
  const names = layers.map((layer, i) => layer.name ?? `layer${i + 1}`);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === INPUT) throw new RangeError(`Layer ${i + 1}: "${INPUT}" is reserved for the image.`);
    if (index.has(name)) throw new RangeError(`Layer ${i + 1}: the name "${name}" is used twice.`);
    index.set(name, i);
  });
  const image: Node = { axes: [{ n: h, j: 1, r: 1, p: 0 }, { n: w, j: 1, r: 1, p: 0 }], aligned: true };
  const done = new Map<number, Node>();
  const visiting = new Set<number>();

  const resolve = (i: number): Node => {
    const known = done.get(i);
    if (known) return known;
    const layer = layers[i]!;
    const name = names[i]!;
    if (visiting.has(i)) throw new RangeError(`Layer "${name}": its inputs form a cycle.`);
    if (!KINDS.has(layer.kind)) throw new RangeError(`Layer "${name}": unknown kind "${String(layer.kind)}".`);
    visiting.add(i);
    const sources = (layer.inputs ?? [i === 0 ? INPUT : names[i - 1]!]).map((source) => {
      if (source === INPUT) return image;
      const at = index.get(source);
      if (at === undefined) throw new RangeError(`Layer "${name}": unknown input "${source}".`);
      return resolve(at);
    });
    let node: Node;
    if (MERGES.has(layer.kind)) {
      if (layer.kernel !== undefined || layer.stride !== undefined || layer.padding !== undefined || layer.dilation !== undefined) {
        throw new RangeError(`Layer "${name}": ${layer.kind} takes no kernel, stride, padding or dilation.`);
      }
      if (sources.length < 2) throw new RangeError(`Layer "${name}": ${layer.kind} needs at least two inputs.`);
      node = merge(sources, name, layer.kind);
    } else {
      if (sources.length !== 1) throw new RangeError(`Layer "${name}": a ${layer.kind} layer takes exactly one input.`);
      if (layer.kernel === undefined) throw new RangeError(`Layer "${name}": a ${layer.kind} layer needs a kernel size.`);
      const k = pairOf(layer.kernel, 1, `Layer "${name}": the kernel size`, 1);
      const s = pairOf(layer.stride, 1, `Layer "${name}": the stride`, 1);
      const p = pairOf(layer.padding, 0, `Layer "${name}": the padding`, 0);
      const d = pairOf(layer.dilation, 1, `Layer "${name}": the dilation`, 1);
      if (layer.kind !== 'conv') {
        // PyTorch's pooling shape check.
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) throw new RangeError(`Layer "${name}": pooling padding must be at most half the kernel size.`);
      } else if (layer.ceilMode) {
        throw new RangeError(`Layer "${name}": ceil_mode applies to pooling layers only.`);
      }
      const from = sources[0]!;
      node = {
        axes: [
          throughLayer(from.axes[0], layer, k[0], s[0], p[0], d[0], name),
          throughLayer(from.axes[1], layer, k[1], s[1], p[1], d[1], name),
        ],
        aligned: from.aligned,
      };
    }
    visiting.delete(i);
    done.set(i, node);
    return node;
  };

  return layers.map((_, i) => {
    const { axes, aligned } = resolve(i);
    return {
      name: names[i]!,
      outputSize: [axes[0].n, axes[1].n],
      stride: [axes[0].j, axes[1].j],
      rf: [axes[0].r, axes[1].r],
      padding: [axes[0].p, axes[1].p],
      aligned,
    };
  });
}

/** Input pixels seen by output unit `u` along one axis: [first, last] (may extend into the padding, below 0). */
export function receptiveFieldRegion(result: LayerResult, unit: number, axis: 0 | 1 = 1): [number, number] {
  const first = unit * result.stride[axis] - result.padding[axis];
  return [first, first + result.rf[axis] - 1];
}

/** Centre, in input pixel coordinates, of output unit `u`'s receptive field along one axis. */
export function receptiveFieldCentre(result: LayerResult, unit: number, axis: 0 | 1 = 1): number {
  const [first, last] = receptiveFieldRegion(result, unit, axis);
  return (first + last) / 2;
}
