/**
 * Computes the effective receptive field of a conv stack off the main thread (a deep stack on a large input takes
 * seconds): the map of the whole stack, then the spread at a series of depths for the log–log plot.
 */
import { convStack, effectiveReceptiveField, truncateNetwork, type ConvStackOptions } from '../../src/compute';

/** What the page asks: a stack, and an id to match the answer to the latest question. */
export interface ErfRequest {
  id: number;
  stack: ConvStackOptions;
  samples: number;
}

/** One point of the log–log plot: the spread (mean of the two axes) of the stack cut after `depth` convolutions. */
export interface DepthPoint {
  depth: number;
  std: number;
  rf: number;
}

export type ErfReply =
  | { id: number; ok: true; map: Float64Array; size: number; std: [number, number]; mass95: number; rf: number; centre: [number, number]; series: DepthPoint[]; mapMs: number; ms: number }
  | { id: number; ok: false; message: string };

/** Depths plotted: roughly evenly spaced on a log scale, up to the stack's own. */
const DEPTHS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 40];

function measure({ id, stack, samples }: ErfRequest): ErfReply {
  const start = performance.now();
  const network = convStack(stack);
  const options = { samples, seed: stack.seed ?? 0 };
  const erf = effectiveReceptiveField(network, options);
  const mapMs = performance.now() - start;
  // The k-th convolution is layer 2k − 1 with ReLUs between them, layer k without.
  const layersFor = (depth: number) => (stack.relu ? 2 * depth - 1 : depth);
  const series = [...new Set([...DEPTHS.filter((d) => d < stack.depth), stack.depth])].map((depth) => {
    const field = depth === stack.depth ? erf : effectiveReceptiveField(truncateNetwork(network, layersFor(depth)), options);
    return { depth, std: (field.std[0] + field.std[1]) / 2, rf: field.theoretical.rf[0] };
  });
  const size = network.inputShape[1];
  return { id, ok: true, map: erf.map.data as Float64Array, size, std: erf.std, mass95: erf.mass95, rf: erf.theoretical.rf[0], centre: erf.centre, series, mapMs, ms: performance.now() - start };
}

self.addEventListener('message', (event: MessageEvent<ErfRequest>) => {
  let reply: ErfReply;
  try {
    reply = measure(event.data);
  } catch (error) {
    reply = { id: event.data.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as Worker).postMessage(reply);
});
