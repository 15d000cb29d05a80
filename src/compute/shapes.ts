/**
 * Output sizes of convolution and pooling layers, exactly as PyTorch computes them, shared by the convolution
 * engine and the receptive-field engine.
 */

/** One value for both axes, or [height, width]. */
export type Pair = number | readonly [number, number];

/** Reads a Pair (or its default) as [height, width], requiring whole numbers of at least `min`. */
export function pairOf(value: Pair | undefined, fallback: number, what: string, min: number): [number, number] {
  const pair: readonly number[] = value === undefined ? [fallback, fallback] : typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2) throw new RangeError(`${what} must be a number or a [height, width] pair.`);
  for (const v of pair) {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new RangeError(`${what} must be whole numbers, but is ${String(v)}.`);
    if (v < min) throw new RangeError(`${what} must be at least ${min}, but is ${v}.`);
  }
  return [pair[0]!, pair[1]!];
}

/** Size of the kernel's footprint once dilated: d·(k − 1) + 1. */
export const effectiveKernel = (kernel: number, dilation: number): number => dilation * (kernel - 1) + 1;

/**
 * Output length along one axis of a convolution (and of pooling without ceil mode):
 * ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1, as torch.nn.Conv2d. May be ≤ 0 when the kernel does not fit; callers check.
 */
export function convOutputSize(input: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  return Math.floor((input + 2 * padding - effectiveKernel(kernel, dilation)) / stride) + 1;
}

/**
 * Output length along one axis of max / average pooling, as PyTorch's pooling_output_shape: with ceil_mode the
 * division rounds up, but the last window must start inside the input or its left padding, else it is dropped.
 */
export function poolOutputSize(
  input: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation = 1,
  ceilMode = false,
): number {
  const span = input + 2 * padding - effectiveKernel(kernel, dilation);
  let output = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (output - 1) * stride >= input + padding) output -= 1;
  return output;
}
