/**
 * Tensors: dense row-major arrays with a shape. Everything that flows through a network is one — images, feature
 * maps, weights, gradients, im2col patch matrices. (Small matrices a reader reads entry by entry, such as the
 * softmax Jacobian, are plain number[][] instead: that is how they are printed and indexed in the chapters.)
 */

/** A dense row-major tensor. */
export interface Tensor {
  shape: number[];
  data: Float64Array | Float32Array;
}

/** How many values a shape holds. */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A float64 tensor of zeros. */
export const zeros = (shape: readonly number[]): Tensor => ({ shape: [...shape], data: new Float64Array(sizeOf(shape)) });

/** A float64 tensor from a shape and values (copied), checked to fit. */
export function tensor(shape: readonly number[], values: ArrayLike<number>): Tensor {
  const t = { shape: [...shape], data: Float64Array.from(values) };
  assertTensor(t, shape.length, 'The tensor');
  return t;
}

/** Whether every value is finite: x·0 is 0 for finite x and NaN for ±∞ and NaN, so one branch-free pass decides. */
export function allFinite(data: ArrayLike<number>): boolean {
  let probe = 0;
  for (let i = 0; i < data.length; i++) probe += data[i]! * 0;
  return probe === 0;
}

/** Throws unless `tensor` has the given rank, positive dimensions, matching data length and finite values. */
export function assertTensor(tensor: Tensor, rank: number, what: string): void {
  if (!tensor || !Array.isArray(tensor.shape) || tensor.shape.length !== rank) {
    throw new RangeError(`${what} must have ${rank} dimensions.`);
  }
  if (tensor.shape.some((d) => !Number.isInteger(d) || d < 1)) throw new RangeError(`${what} must not be empty (shape ${tensor.shape.join('×')}).`);
  const size = sizeOf(tensor.shape);
  if (!tensor.data || tensor.data.length !== size) throw new RangeError(`${what} has ${tensor.data?.length} values for shape ${tensor.shape.join('×')} (${size}).`);
  if (!allFinite(tensor.data)) {
    const i = Array.prototype.findIndex.call(tensor.data, (v: number) => !Number.isFinite(v));
    throw new RangeError(`${what} must be finite, but value ${i} is ${tensor.data[i]}.`);
  }
}
