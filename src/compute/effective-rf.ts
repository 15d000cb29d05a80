/**
 * Effective receptive fields (Luo, Li, Urtasun & Zemel, NeurIPS 2016): how much each input pixel actually moves one
 * unit, measured as |∂unit/∂input| averaged over inputs. The theoretical field (analyze) says which pixels can
 * matter; this map says how much they do. Also: cutting a network at a layer, and the stacks of k×k convolutions
 * the receptive-field chapter measures.
 */
import { analyze, receptiveFieldCentre, type LayerResult } from './receptive-field.ts';
import { createNetwork, type Network, type NetworkLayer } from './network.ts';
import { assertWholeNumber } from './checks.ts';
import { gaussianSample, seededRandom } from './random.ts';
import type { Tensor } from './tensor.ts';

/** A unit of a network's last feature map. */
export interface Unit {
  channel: number;
  y: number;
  x: number;
}

/** An effective receptive field and the figures that summarise it. */
export interface EffectiveReceptiveField {
  /** [H, W] at the network's input size: mean |gradient| summed over input channels, normalised to sum 1. */
  map: Tensor;
  /** Per axis (rows, columns): the map's standard deviation about the unit's centre, in pixels. */
  std: [number, number];
  /** Side of the smallest square centred on the unit that holds 95 % of the map, in pixels. */
  mass95: number;
  /** analyze() of the same layers at the same input size: the theoretical field of the last layer. */
  theoretical: LayerResult;
  /** The unit measured, and the centre of its theoretical field in input pixels (row, column). */
  unit: Unit;
  centre: [number, number];
}

/** The first `count` layers of `network` as a network of their own, with the same parameters. */
export function truncateNetwork(network: Network, count: number): Network {
  assertWholeNumber(count, 'The number of layers kept', 1, network.layers.length);
  const head = createNetwork(network.layers.slice(0, count), { inputShape: network.inputShape });
  // State_dict order puts earlier layers first, so the head's parameters are a prefix of the whole vector.
  head.setParameters(network.parameters().subarray(0, head.parameterCount));
  return head;
}

/**
 * Averages |∂ unit / ∂ input| over `samples` inputs (standard normal noise, seeded; or the given `inputs`), sums it
 * over input channels and normalises it to sum 1. The default unit is channel 0 at the centre of the last map. A
 * network without ReLU or max pooling is linear, so one input is enough and only one is used.
 */
export function effectiveReceptiveField(network: Network, options: { unit?: Unit; samples?: number; seed?: number; inputs?: readonly Tensor[] } = {}): EffectiveReceptiveField {
  const rfLayers = network.receptiveFieldLayers();
  if (rfLayers.length === 0 || network.layers.some((l) => l.kind === 'flatten' || l.kind === 'linear')) {
    throw new RangeError('An effective receptive field needs a network of convolution and pooling layers only (no flatten or linear).');
  }
  const [channels, height, width] = network.inputShape;
  const lastShape = network.shapes.at(-1)!.shape as [number, number, number];
  const unit = options.unit ?? { channel: 0, y: Math.floor(lastShape[1] / 2), x: Math.floor(lastShape[2] / 2) };
  const linearNetwork = !network.layers.some((l) => l.kind === 'relu' || l.kind === 'maxpool');
  const inputs = options.inputs ?? randomInputs(network.inputShape, linearNetwork ? 1 : options.samples ?? 16, options.seed ?? 0);
  if (inputs.length === 0) throw new RangeError('An effective receptive field needs at least one input.');
  const sum = new Float64Array(height * width);
  for (const input of inputs) {
    const gradient = network.inputGradient(input, unit).data;
    for (let c = 0; c < channels; c++) for (let i = 0; i < sum.length; i++) sum[i]! += Math.abs(gradient[c * sum.length + i]!);
  }
  const total = sum.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError(`Unit (${unit.y}, ${unit.x}) of channel ${unit.channel} does not depend on the input for these inputs (every gradient is 0: ReLUs that never fire).`);
  for (let i = 0; i < sum.length; i++) sum[i]! /= total;
  const theoretical = analyze(rfLayers, [height, width]).at(-1)!;
  const centre: [number, number] = [receptiveFieldCentre(theoretical, unit.y, 0), receptiveFieldCentre(theoretical, unit.x, 1)];
  const map: Tensor = { shape: [height, width], data: sum };
  return { map, ...mapStatistics(map, centre), theoretical, unit, centre };
}

/**
 * The effective receptive field of one position (y, x) of the last map, over all its channels: each channel's map
 * (normalised) averaged, leaving out channels whose unit never fires for these inputs; `channels` says how many
 * counted. For a trained network, whose channels see different things, this is the position's field.
 */
export function positionEffectiveReceptiveField(network: Network, options: { y: number; x: number; samples?: number; seed?: number; inputs?: readonly Tensor[] }): EffectiveReceptiveField & { channels: number } {
  const channels = (network.shapes.at(-1)!.shape as [number, number, number])[0];
  const fields: EffectiveReceptiveField[] = [];
  for (let channel = 0; channel < channels; channel++) {
    try {
      fields.push(effectiveReceptiveField(network, { ...options, unit: { channel, y: options.y, x: options.x } }));
    } catch (error) {
      if (!(error instanceof RangeError) || !/does not depend on the input/.test(error.message)) throw error;
    }
  }
  if (fields.length === 0) throw new RangeError(`No channel at (${options.y}, ${options.x}) depends on the input for these inputs (every gradient is 0).`);
  const mean = new Float64Array(fields[0]!.map.data.length);
  for (const field of fields) for (let i = 0; i < mean.length; i++) mean[i]! += field.map.data[i]! / fields.length;
  const first = fields[0]!;
  const map: Tensor = { shape: [...first.map.shape], data: mean };
  return { ...first, map, ...mapStatistics(map, first.centre), unit: { channel: -1, y: options.y, x: options.x }, channels: fields.length };
}

/**
 * The spread of a normalised [H, W] map about a centre (row, column): the per-axis standard deviation, and the side
 * of the smallest square centred there holding 95 % of the mass (sides step by one pixel; a half-pixel centre gives
 * even sides).
 */
export function mapStatistics(map: Tensor, centre: readonly [number, number]): { std: [number, number]; mass95: number } {
  const [height, width] = map.shape as [number, number];
  let [varY, varX] = [0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = map.data[y * width + x]!;
      varY += p * (y - centre[0]) ** 2;
      varX += p * (x - centre[1]) ** 2;
    }
  }
  // Chebyshev distance of each pixel from the centre decides the smallest square that contains it.
  const maxSide = 2 * Math.max(height, width) + 2;
  const bySide = new Float64Array(maxSide + 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const reach = Math.max(Math.abs(y - centre[0]), Math.abs(x - centre[1]));
      bySide[Math.min(maxSide, Math.round(2 * reach + 1))]! += map.data[y * width + x]!;
    }
  }
  let [mass, mass95] = [0, maxSide];
  for (let side = 1; side <= maxSide; side++) {
    mass += bySide[side]!;
    if (mass >= 0.95 - 1e-12) {
      mass95 = side;
      break;
    }
  }
  return { std: [Math.sqrt(varY), Math.sqrt(varX)], mass95 };
}

function randomInputs(shape: readonly [number, number, number], count: number, seed: number): Tensor[] {
  assertWholeNumber(count, 'The number of sample inputs', 1, 1000);
  const random = seededRandom(seed);
  const size = shape[0] * shape[1] * shape[2];
  return Array.from({ length: count }, () => ({ shape: [...shape], data: Float64Array.from({ length: size }, () => gaussianSample(random)) }));
}

/** The weights of a conv stack: every weight 1/k² (a box), PyTorch's default random initialisation, or one ±1/k pattern. */
export type StackWeights = 'uniform' | 'random' | 'signs';

/** A stack of `depth` one-channel k×k convolutions, padded to keep the map's size, as the chapter measures them. */
export interface ConvStackOptions {
  depth: number;
  kernel: number;
  weights: StackWeights;
  /** A ReLU between consecutive convolutions (none after the last, so the unit measured is never switched off). */
  relu?: boolean;
  /** How many of the layers have stride 2, spread evenly through the stack (the rest stride 1). */
  strided?: number;
  dilation?: number;
  /** The input's side; default: the theoretical receptive field plus 8, odd, at most 129. */
  inputSize?: number;
  seed?: number;
}

/** Builds the stack (no biases: a bias moves no gradient in a linear stack) with its weights set. */
export function convStack(options: ConvStackOptions): Network {
  const { depth, kernel, weights, relu = false, strided = 0, dilation = 1, seed = 0 } = options;
  assertWholeNumber(depth, 'The number of layers', 1, 64);
  if (![1, 3, 5, 7].includes(kernel)) throw new RangeError(`The kernel size must be 1, 3, 5 or 7 (odd, so that padding keeps the unit centred), not ${kernel}.`);
  assertWholeNumber(strided, 'The number of stride-2 layers', 0, Math.min(depth, 6));
  assertWholeNumber(dilation, 'The dilation', 1, 8);
  const stridedAt = new Set(Array.from({ length: strided }, (_, k) => Math.floor((k * depth) / strided)));
  const layers: NetworkLayer[] = [];
  for (let l = 0; l < depth; l++) {
    if (l > 0 && relu) layers.push({ kind: 'relu' });
    layers.push({ kind: 'conv', out: 1, kernel, stride: stridedAt.has(l) ? 2 : 1, padding: (dilation * (kernel - 1)) / 2, dilation, bias: false });
  }
  let size = options.inputSize;
  if (size === undefined) {
    const probe = analyze(createNetwork(layers, { inputShape: [1, 256, 256] }).receptiveFieldLayers(), 256).at(-1)!;
    size = Math.min(129, probe.rf[0] + 8 + ((probe.rf[0] + 8) % 2 === 0 ? 1 : 0));
  }
  assertWholeNumber(size, 'The input size', 1, 512);
  const network = createNetwork(layers, { inputShape: [1, size, size], seed });
  if (weights === 'random') return network;
  const random = seededRandom(seed);
  // One sign pattern for every layer: the same "texture" repeated, as opposed to fresh random weights per layer.
  const signs = Array.from({ length: kernel * kernel }, () => (random() < 0.5 ? -1 : 1) / kernel);
  const values = network.parameters();
  for (let i = 0; i < values.length; i++) values[i] = weights === 'uniform' ? 1 / (kernel * kernel) : signs[i % signs.length]!;
  network.setParameters(values);
  return network;
}
