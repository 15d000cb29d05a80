/**
 * The fully connected layer, as torch.nn.Linear: out = input · weightᵀ + bias, with input [N, in], weight [out, in].
 * Its backward pass is two matrix products with the transposes: ∂L/∂input = ∂L/∂out · weight, ∂L/∂weight =
 * (∂L/∂out)ᵀ · input, and ∂L/∂bias sums ∂L/∂out over the batch.
 */
import { assertTensor, type Tensor } from './tensor.ts';

/**
 * out[n, j] = bias[j] + Σ_i input[n, i] · weight[j, i], on flat arrays (input n rows of `inputs` values). Inputs that
 * are 0 add nothing (behind a ReLU, a third to two thirds of them are), so each row's non-zero inputs are listed once
 * and the sums run over the list only, which gives the same values. Four outputs at a time: four independent sums
 * keep the floating-point adder busy where one sum would wait on itself each step, and each input value is read once
 * for the four. Every sum adds its terms in order i = 0, 1, …
 */
export function linearInto(x: ArrayLike<number>, w: ArrayLike<number>, bias: ArrayLike<number> | null, out: Float64Array, rows: number, inputs: number, outputs: number): void {
  const { index, value } = lists(inputs);
  const outputs4 = outputs - (outputs % 4);
  for (let n = 0; n < rows; n++) {
    let count = 0;
    for (let i = 0, at = n * inputs; i < inputs; i++, at++) {
      const v = x[at]!;
      if (v !== 0) (index[count] = i), (value[count++] = v);
    }
    const oBase = n * outputs;
    for (let j = 0; j < outputs4; j += 4) {
      let s0 = bias ? bias[j]! : 0, s1 = bias ? bias[j + 1]! : 0, s2 = bias ? bias[j + 2]! : 0, s3 = bias ? bias[j + 3]! : 0;
      const [w0, w1, w2, w3] = [j * inputs, (j + 1) * inputs, (j + 2) * inputs, (j + 3) * inputs];
      for (let e = 0; e < count; e++) {
        const v = value[e]!, i = index[e]!;
        s0 += v * w[w0 + i]!;
        s1 += v * w[w1 + i]!;
        s2 += v * w[w2 + i]!;
        s3 += v * w[w3 + i]!;
      }
      out[oBase + j] = s0;
      out[oBase + j + 1] = s1;
      out[oBase + j + 2] = s2;
      out[oBase + j + 3] = s3;
    }
    for (let j = outputs4; j < outputs; j++) {
      let sum = bias ? bias[j]! : 0;
      const wBase = j * inputs;
      for (let e = 0; e < count; e++) sum += value[e]! * w[wBase + index[e]!]!;
      out[oBase + j] = sum;
    }
  }
}

/**
 * gradInput[n] += Σⱼ gradOut[n, j] · weight[j] for each row n, over the outputs whose gradient is not 0 (behind a
 * ReLU, two thirds of them are): those are listed once per row, then each group of four inputs sums over the list in
 * registers and is added to gradInput once, instead of once per output.
 */
export function linearInputGradientInto(w: ArrayLike<number>, gradOut: ArrayLike<number>, gradInput: Float64Array, rows: number, inputs: number, outputs: number): void {
  const { index, value } = lists(outputs);
  for (let n = 0; n < rows; n++) {
    let count = 0;
    for (let j = 0, at = n * outputs; j < outputs; j++, at++) {
      const grad = gradOut[at]!;
      if (grad !== 0) (index[count] = j * inputs), (value[count++] = grad);
    }
    if (count === 0) continue;
    addListedRows(w, index, value, count, gradInput, n * inputs, inputs);
  }
}

/**
 * gradWeight += gradOutᵀ · input and gradBias += the column sums of gradOut, for `rows` rows at once (a whole batch:
 * each weight's gradient is summed over the batch in a register and stored once, rather than once per example).
 * Per output j, the rows whose gradient is not 0 are listed, then each group of four inputs sums over them.
 */
export function linearWeightGradientInto(x: ArrayLike<number>, gradOut: ArrayLike<number>, gradWeight: Float64Array | null, gradBias: Float64Array | null, rows: number, inputs: number, outputs: number): void {
  const { index, value } = lists(rows);
  for (let j = 0; j < outputs; j++) {
    let count = 0;
    let biasSum = 0;
    for (let n = 0, at = j; n < rows; n++, at += outputs) {
      const grad = gradOut[at]!;
      biasSum += grad;
      if (grad !== 0) (index[count] = n * inputs), (value[count++] = grad);
    }
    if (gradBias) gradBias[j]! += biasSum;
    if (!gradWeight || count === 0) continue;
    addListedRows(x, index, value, count, gradWeight, j * inputs, inputs);
  }
}

/** Accumulates the linear layer's gradients on flat arrays (added to, so a batch can be summed call by call). */
export function linearBackwardInto(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  gradInput: Float64Array | null,
  gradWeight: Float64Array | null,
  gradBias: Float64Array | null,
  rows: number,
  inputs: number,
  outputs: number,
): void {
  if (gradInput) linearInputGradientInto(w, gradOut, gradInput, rows, inputs, outputs);
  if (gradWeight || gradBias) linearWeightGradientInto(x, gradOut, gradWeight, gradBias, rows, inputs, outputs);
}

/**
 * target[row + i] += Σₑ value[e] · source[index[e] + i] for i < length: the listed rows of `source`, each scaled by its
 * value, added into one row of `target`. Four sums at a time stay in registers while e runs, and each is added once.
 */
function addListedRows(source: ArrayLike<number>, index: Int32Array, value: Float64Array, count: number, target: Float64Array, row: number, length: number): void {
  const length4 = length - (length % 4);
  for (let i = 0; i < length4; i += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let e = 0; e < count; e++) {
      const scale = value[e]!, at = index[e]! + i;
      a0 += scale * source[at]!; a1 += scale * source[at + 1]!; a2 += scale * source[at + 2]!; a3 += scale * source[at + 3]!;
    }
    target[row + i]! += a0; target[row + i + 1]! += a1; target[row + i + 2]! += a2; target[row + i + 3]! += a3;
  }
  for (let i = length4; i < length; i++) {
    let sum = 0;
    for (let e = 0; e < count; e++) sum += value[e]! * source[index[e]! + i]!;
    target[row + i]! += sum;
  }
}

/** Scratch lists of non-zero values (their offsets and the values), grown when a longer one is needed. */
let listIndex = new Int32Array(256);
let listValue = new Float64Array(256);
function lists(length: number): { index: Int32Array; value: Float64Array } {
  if (listIndex.length < length) [listIndex, listValue] = [new Int32Array(length), new Float64Array(length)];
  return { index: listIndex, value: listValue };
}

/** Checks [N, in] and [out, in] and returns (N, in, out). */
function sizes(input: Tensor, weight: Tensor): [number, number, number] {
  assertTensor(input, 2, 'The input');
  assertTensor(weight, 2, 'The weight');
  const [rows, inputs] = input.shape as [number, number];
  const [outputs, weightInputs] = weight.shape as [number, number];
  if (weightInputs !== inputs) throw new RangeError(`The weight takes ${weightInputs} inputs, but the input has ${inputs} per row.`);
  return [rows, inputs, outputs];
}

/** A fully connected layer: input [N, in], weight [out, in], optional bias [out] → output [N, out]. */
export function linear(input: Tensor, weight: Tensor, bias?: ArrayLike<number> | null): Tensor {
  const [rows, inputs, outputs] = sizes(input, weight);
  if (bias != null) {
    if (bias.length !== outputs) throw new RangeError(`The bias needs ${outputs} values, one per output, not ${bias.length}.`);
    for (let j = 0; j < outputs; j++) if (!Number.isFinite(bias[j]!)) throw new RangeError(`The bias must be finite, but value ${j} is ${bias[j]}.`);
  }
  const out = new Float64Array(rows * outputs);
  linearInto(input.data, weight.data, bias ?? null, out, rows, inputs, outputs);
  return { shape: [rows, outputs], data: out };
}

/** The gradients of a loss with respect to a linear layer's input, weight and bias, given ∂L/∂output [N, out]. */
export function linearBackward(input: Tensor, weight: Tensor, gradOutput: Tensor): { gradInput: Tensor; gradWeight: Tensor; gradBias: Float64Array } {
  const [rows, inputs, outputs] = sizes(input, weight);
  assertTensor(gradOutput, 2, 'The output gradient');
  if (gradOutput.shape[0] !== rows || gradOutput.shape[1] !== outputs) {
    throw new RangeError(`The output gradient must have the output’s shape ${rows}×${outputs}, not ${gradOutput.shape.join('×')}.`);
  }
  const gradInput = new Float64Array(rows * inputs);
  const gradWeight = new Float64Array(outputs * inputs);
  const gradBias = new Float64Array(outputs);
  linearBackwardInto(input.data, weight.data, gradOutput.data, gradInput, gradWeight, gradBias, rows, inputs, outputs);
  return { gradInput: { shape: [rows, inputs], data: gradInput }, gradWeight: { shape: [outputs, inputs], data: gradWeight }, gradBias };
}
