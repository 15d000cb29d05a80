/**
 * Convolution as matrix products without copying windows ("implicit im2col", as cuDNN's implicit GEMM). In the im2col
 * view every output position's window is a row of a matrix; here no such matrix is built. Instead each tap (channel,
 * kernel row, kernel column) has a fixed offset into the input and each output position a base index, so window
 * value t of position p is simply input[base[p] + offset[t]]. Padding is handled by a zero-bordered copy of the
 * input, made only for padded layers. The sums are kept in registers (four kernels × four positions forward, eight
 * taps at a time backward) and the backward pass visits only non-zero output gradients, which behind ReLU and max
 * pooling are a fifth or less of them. Copying every window (this package's first tiled form) cost as much as the
 * products themselves: LeNet-5's second convolution, backward, fell from 150 to about 65 µs a digit without it.
 * Scratch memory belongs to the geometry object (a network stage keeps its own), so a pass is not re-entrant.
 * Trainers install WebAssembly forms of these passes (useSimd, ./conv-simd.ts): the same sums, the same bits.
 */
import type { ConvGeometry } from './conv-kernels.ts';
import type { SimdForward } from './conv-simd.ts';
import type { SimdBackward } from './conv-simd-backward.ts';
import { nonEmptyWindows, paddedInput, planOf, work, type Plan } from './conv-plan.ts';

/**
 * Compilers of a layer's products into a faster form, used from `from` multiply-adds a pass on: ./conv-simd.ts
 * installs its WebAssembly ones when asked (useSimd), so that pages which only show small convolutions never load
 * them. Each returns null where it cannot compile, and the loops below run instead.
 */
export interface ProductsAccelerator {
  from: number;
  forward(g: ConvGeometry, offsets: Int32Array, bases: Int32Array, inputSize: number): SimdForward | null;
  backward(g: ConvGeometry, offsets: Int32Array, bases: Int32Array, inputSize: number): SimdBackward | null;
}
let accelerator: ProductsAccelerator | null = null;

/** Installs (or, with null, removes) the accelerator; returns the one it replaces. */
export function accelerateProducts(next: ProductsAccelerator | null): ProductsAccelerator | null {
  const before = accelerator;
  accelerator = next;
  return before;
}

/** The installed accelerator if this layer is big enough for it (work(): its multiply-adds), else null. */
const acceleratorFor = (g: ConvGeometry, plan: Plan): ProductsAccelerator | null => (accelerator && work(g, plan) >= accelerator.from ? accelerator : null);

/**
 * out[o, p] += Σₜ w[o, t] · input[base[p] + offset[t]] (out holds the bias). With `skipEmpty`, only positions whose
 * window holds a non-zero value are computed (the others keep the bias): for a digit, about half of them. Four kernels
 * by four positions at a time, so that each of the sixteen sums stays in a register while t runs; kernels left over
 * from the fours take four positions at a time, and positions left over one at a time. Each sum adds its taps in
 * weight order, as the tap loops do, so the results are the same.
 */
export function forwardProducts(x: ArrayLike<number>, w: ArrayLike<number>, out: Float64Array, g: ConvGeometry, skipEmpty = false): void {
  const plan = planOf(g);
  const input = paddedInput(x, g, plan);
  const { offsets, bases } = plan;
  const taps = offsets.length;
  const positions = bases.length;
  const count = skipEmpty ? nonEmptyWindows(input, g, plan) : positions;
  const list = skipEmpty ? plan.nonEmpty : plan.allPositions;
  const fast = acceleratorFor(g, plan);
  // Compiled once per geometry; null (refused) is kept too, so a refusal is not compiled again on every call.
  if (fast && plan.simd === undefined) plan.simd = fast.forward(g, plan.offsets, plan.bases, input.length);
  const simd = fast ? plan.simd : null;
  if (simd) return simd(input, w, out, list, count);
  const kernels4 = g.kernels - (g.kernels % 4);
  const count4 = count - (count % 4);
  for (let o = 0; o < kernels4; o += 4) {
    const [r0, r1, r2, r3] = [o * positions, (o + 1) * positions, (o + 2) * positions, (o + 3) * positions];
    for (let q = 0; q < count4; q += 4) {
      const p0 = list[q]!, p1 = list[q + 1]!, p2 = list[q + 2]!, p3 = list[q + 3]!;
      const b0 = bases[p0]!, b1 = bases[p1]!, b2 = bases[p2]!, b3 = bases[p3]!;
      let a00 = out[r0 + p0]!, a01 = out[r0 + p1]!, a02 = out[r0 + p2]!, a03 = out[r0 + p3]!;
      let a10 = out[r1 + p0]!, a11 = out[r1 + p1]!, a12 = out[r1 + p2]!, a13 = out[r1 + p3]!;
      let a20 = out[r2 + p0]!, a21 = out[r2 + p1]!, a22 = out[r2 + p2]!, a23 = out[r2 + p3]!;
      let a30 = out[r3 + p0]!, a31 = out[r3 + p1]!, a32 = out[r3 + p2]!, a33 = out[r3 + p3]!;
      for (let t = 0, wt = o * taps; t < taps; t++, wt++) {
        const offset = offsets[t]!;
        const x0 = input[b0 + offset]!, x1 = input[b1 + offset]!, x2 = input[b2 + offset]!, x3 = input[b3 + offset]!;
        const w0 = w[wt]!, w1 = w[wt + taps]!, w2 = w[wt + 2 * taps]!, w3 = w[wt + 3 * taps]!;
        a00 += w0 * x0; a01 += w0 * x1; a02 += w0 * x2; a03 += w0 * x3;
        a10 += w1 * x0; a11 += w1 * x1; a12 += w1 * x2; a13 += w1 * x3;
        a20 += w2 * x0; a21 += w2 * x1; a22 += w2 * x2; a23 += w2 * x3;
        a30 += w3 * x0; a31 += w3 * x1; a32 += w3 * x2; a33 += w3 * x3;
      }
      out[r0 + p0] = a00; out[r0 + p1] = a01; out[r0 + p2] = a02; out[r0 + p3] = a03;
      out[r1 + p0] = a10; out[r1 + p1] = a11; out[r1 + p2] = a12; out[r1 + p3] = a13;
      out[r2 + p0] = a20; out[r2 + p1] = a21; out[r2 + p2] = a22; out[r2 + p3] = a23;
      out[r3 + p0] = a30; out[r3 + p1] = a31; out[r3 + p2] = a32; out[r3 + p3] = a33;
    }
  }
  for (let o = kernels4; o < g.kernels; o++) {
    const r = o * positions;
    for (let q = 0; q < count4; q += 4) {
      const p0 = list[q]!, p1 = list[q + 1]!, p2 = list[q + 2]!, p3 = list[q + 3]!;
      const b0 = bases[p0]!, b1 = bases[p1]!, b2 = bases[p2]!, b3 = bases[p3]!;
      let a0 = out[r + p0]!, a1 = out[r + p1]!, a2 = out[r + p2]!, a3 = out[r + p3]!;
      for (let t = 0, wt = o * taps; t < taps; t++, wt++) {
        const offset = offsets[t]!;
        const weight = w[wt]!;
        a0 += weight * input[b0 + offset]!; a1 += weight * input[b1 + offset]!; a2 += weight * input[b2 + offset]!; a3 += weight * input[b3 + offset]!;
      }
      out[r + p0] = a0; out[r + p1] = a1; out[r + p2] = a2; out[r + p3] = a3;
    }
  }
  // The positions left over from the blocks of four, one sum at a time.
  for (let o = 0; o < g.kernels; o++) {
    for (let q = count4; q < count; q++) {
      const at = o * positions + list[q]!;
      const base = bases[list[q]!]!;
      let sum = out[at]!;
      for (let t = 0, wt = o * taps; t < taps; t++, wt++) sum += w[wt]! * input[base + offsets[t]!]!;
      out[at] = sum;
    }
  }
}

/**
 * Adds the weight, bias and input gradients (each if given), visiting only non-zero output gradients. The weight
 * gradient of kernel o is Σₚ gradOut[o, p] · window(p): per kernel, its non-zero gradients are listed once (and summed,
 * for the bias), then each group of eight taps (then four, then one) sums over that list in registers. The input gradient is, per output position, Σₒ gradOut[o, p] · w[o]
 * over the kernels whose gradient there is not 0, summed the same way and added once to the window it came from.
 */
export function backwardProducts(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  gradOut: ArrayLike<number>,
  gradInput: Float64Array | null,
  gradWeight: Float64Array | null,
  gradBias: Float64Array | null,
  g: ConvGeometry,
): void {
  const plan = planOf(g);
  const fast = acceleratorFor(g, plan);
  if (fast && plan.simdBackward === undefined) plan.simdBackward = fast.backward(g, plan.offsets, plan.bases, plan.padded?.length ?? x.length);
  const simd = fast ? plan.simdBackward : null;
  if (gradWeight || gradBias) {
    const input = gradWeight ? paddedInput(x, g, plan) : x;
    if (simd) simd.weightGradient(input, gradOut, gradWeight, gradBias);
    else weightGradient(input, gradOut, gradWeight, gradBias, g.kernels, plan);
  }
  if (!gradInput) return;
  const target = plan.gradPadded ?? gradInput;
  if (plan.gradPadded) plan.gradPadded.fill(0);
  if (simd) simd.inputGradient(w, gradOut, target);
  else inputGradient(w, gradOut, target, g.kernels, plan);
  if (plan.gradPadded) {
    // Only the interior is the input's; what fell on the zero border had no input under it.
    const { paddedHeight, paddedWidth } = plan;
    for (let c = 0; c < g.channels; c++) {
      for (let y = 0; y < g.height; y++) {
        const to = (c * g.height + y) * g.width;
        const from = (c * paddedHeight + y + g.ph) * paddedWidth + g.pw;
        for (let x0 = 0; x0 < g.width; x0++) gradInput[to + x0]! += plan.gradPadded[from + x0]!;
      }
    }
  }
}

/** The weight gradient (if given) as described above, and the bias gradient (if given) from the same lists. */
function weightGradient(input: ArrayLike<number>, gradOut: ArrayLike<number>, gradWeight: Float64Array | null, gradBias: Float64Array | null, kernels: number, plan: Plan): void {
  const { offsets, bases, listIndex, listValue } = plan;
  const taps = offsets.length;
  const taps8 = taps - (taps % 8);
  const positions = bases.length;
  for (let o = 0; o < kernels; o++) {
    let count = 0;
    let biasSum = 0;
    for (let p = 0, at = o * positions; p < positions; p++, at++) {
      const grad = gradOut[at]!;
      if (grad !== 0) (listIndex[count] = bases[p]!), (listValue[count++] = grad), (biasSum += grad);
    }
    if (gradBias) gradBias[o]! += biasSum;
    if (!gradWeight || count === 0) continue;
    const row = o * taps;
    // Eight taps per pass over the list: each entry's gradient and base index are read once for eight products.
    for (let t = 0; t < taps8; t += 8) {
      const f0 = offsets[t]!, f1 = offsets[t + 1]!, f2 = offsets[t + 2]!, f3 = offsets[t + 3]!;
      const f4 = offsets[t + 4]!, f5 = offsets[t + 5]!, f6 = offsets[t + 6]!, f7 = offsets[t + 7]!;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
      for (let e = 0; e < count; e++) {
        const grad = listValue[e]!, base = listIndex[e]!;
        a0 += grad * input[base + f0]!; a1 += grad * input[base + f1]!; a2 += grad * input[base + f2]!; a3 += grad * input[base + f3]!;
        a4 += grad * input[base + f4]!; a5 += grad * input[base + f5]!; a6 += grad * input[base + f6]!; a7 += grad * input[base + f7]!;
      }
      gradWeight[row + t]! += a0; gradWeight[row + t + 1]! += a1; gradWeight[row + t + 2]! += a2; gradWeight[row + t + 3]! += a3;
      gradWeight[row + t + 4]! += a4; gradWeight[row + t + 5]! += a5; gradWeight[row + t + 6]! += a6; gradWeight[row + t + 7]! += a7;
    }
    let t = taps8;
    if (taps - t >= 4) {
      const f0 = offsets[t]!, f1 = offsets[t + 1]!, f2 = offsets[t + 2]!, f3 = offsets[t + 3]!;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let e = 0; e < count; e++) {
        const grad = listValue[e]!, base = listIndex[e]!;
        a0 += grad * input[base + f0]!; a1 += grad * input[base + f1]!; a2 += grad * input[base + f2]!; a3 += grad * input[base + f3]!;
      }
      gradWeight[row + t]! += a0; gradWeight[row + t + 1]! += a1; gradWeight[row + t + 2]! += a2; gradWeight[row + t + 3]! += a3;
      t += 4;
    }
    for (; t < taps; t++) {
      const offset = offsets[t]!;
      let sum = 0;
      for (let e = 0; e < count; e++) sum += listValue[e]! * input[listIndex[e]! + offset]!;
      gradWeight[row + t]! += sum;
    }
  }
}

function inputGradient(w: ArrayLike<number>, gradOut: ArrayLike<number>, target: Float64Array, kernels: number, plan: Plan): void {
  const { offsets, bases, listIndex, listValue } = plan;
  const taps = offsets.length;
  const [taps8, taps4] = [taps - (taps % 8), taps - (taps % 4)];
  const positions = bases.length;
  for (let p = 0; p < positions; p++) {
    let count = 0;
    for (let o = 0, at = p; o < kernels; o++, at += positions) {
      const grad = gradOut[at]!;
      if (grad !== 0) (listIndex[count] = o * taps), (listValue[count++] = grad);
    }
    if (count === 0) continue;
    const base = bases[p]!;
    let t = 0;
    for (; t < taps8; t += 8) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
      for (let e = 0; e < count; e++) {
        const grad = listValue[e]!, row = listIndex[e]! + t;
        a0 += grad * w[row]!; a1 += grad * w[row + 1]!; a2 += grad * w[row + 2]!; a3 += grad * w[row + 3]!;
        a4 += grad * w[row + 4]!; a5 += grad * w[row + 5]!; a6 += grad * w[row + 6]!; a7 += grad * w[row + 7]!;
      }
      target[base + offsets[t]!]! += a0; target[base + offsets[t + 1]!]! += a1; target[base + offsets[t + 2]!]! += a2; target[base + offsets[t + 3]!]! += a3;
      target[base + offsets[t + 4]!]! += a4; target[base + offsets[t + 5]!]! += a5; target[base + offsets[t + 6]!]! += a6; target[base + offsets[t + 7]!]! += a7;
    }
    for (; t < taps4; t += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let e = 0; e < count; e++) {
        const grad = listValue[e]!, row = listIndex[e]! + t;
        a0 += grad * w[row]!; a1 += grad * w[row + 1]!; a2 += grad * w[row + 2]!; a3 += grad * w[row + 3]!;
      }
      target[base + offsets[t]!]! += a0; target[base + offsets[t + 1]!]! += a1; target[base + offsets[t + 2]!]! += a2; target[base + offsets[t + 3]!]! += a3;
    }
    for (let t = taps4; t < taps; t++) {
      let sum = 0;
      for (let e = 0; e < count; e++) sum += listValue[e]! * w[listIndex[e]! + t]!;
      target[base + offsets[t]!]! += sum;
    }
  }
}
