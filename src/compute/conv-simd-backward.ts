/**
 * The backward products of ./conv-products.ts as WebAssembly written for one layer's sizes, two taps per SIMD
 * operation: the same sums in the same order as the JavaScript loops there, so the gradients are the same to the
 * last bit. JavaScript still lists the non-zero output gradients (and sums the bias gradient from them); WebAssembly
 * then multiplies. Weight gradient: per kernel, each tap's sum over that kernel's list, 16 taps per pass over it.
 * Input gradient: per output position, each tap's sum over the kernels whose gradient there is not 0, added to the
 * input value under that tap. Two taps side by side in memory are read with one load; a pair split across kernel
 * rows (or by dilation) is read in two.
 */
import { align16, i32, instantiate, moduleBytes, op, v128, type Code } from './wasm-assembler.ts';
import type { ConvGeometry } from './conv-kernels.ts';

/** The two backward passes for one layer, on the gradient lists as conv-products.ts builds them. */
export interface SimdBackward {
  /** gradWeight (if given) and gradBias (if given) += their sums over the non-zero output gradients. */
  weightGradient(input: ArrayLike<number>, gradOut: ArrayLike<number>, gradWeight: Float64Array | null, gradBias: Float64Array | null): void;
  /** target += the input gradient, target laid out as `input` (padded, for a padded layer). */
  inputGradient(w: ArrayLike<number>, gradOut: ArrayLike<number>, target: Float64Array): void;
}

/** Taps per pass over a gradient list: eight two-lane sums. */
const PAIRS_PER_PASS = 8;
/** Locals: the parameter (the records' end), then i32s, then v128s. */
const L = { recordsEnd: 0, record: 1, entry: 2, entriesEnd: 3, address: 4, base: 5, sum: 6, scale: 14, value: 15 };

/**
 * Compiles the backward passes for geometry `g` whose taps sit at `offsets` in an input of `inputSize` values, or
 * returns null if the engine refuses to compile it (see compileSimdForward).
 */
export function compileSimdBackward(g: ConvGeometry, offsets: Int32Array, bases: Int32Array, inputSize: number): SimdBackward | null {
  const taps = offsets.length;
  const positions = bases.length;
  const { kernels } = g;
  // Memory: the input, the weights, the input gradient, the weight-gradient sums, then the records (one per kernel or
  // per position: its address and the end of its entries, then per entry an address and a gradient, 16 bytes).
  const input = 0;
  const weights = align16(input + inputSize * 8);
  const grad = align16(weights + kernels * taps * 8);
  const sums = align16(grad + inputSize * 8);
  const records = align16(sums + kernels * taps * 8);
  const end = records + Math.max(kernels, positions) * 8 + kernels * positions * 16;
  const compiled = instantiate(moduleBytes(end, [
    { name: 'weights', params: [i32], locals: [[5, i32], [10, v128]], body: weightBody(offsets, records) },
    { name: 'inputs', params: [i32], locals: [[5, i32], [10, v128]], body: inputBody(offsets, records) },
  ]));
  if (!compiled) return null;
  const { buffer, functions: { weights: runWeights, inputs: runInputs } } = compiled;
  const words = new Int32Array(buffer);
  const doubles = new Float64Array(buffer);
  const inputView = doubles.subarray(input / 8, input / 8 + inputSize);
  const weightView = doubles.subarray(weights / 8, weights / 8 + kernels * taps);
  const gradView = doubles.subarray(grad / 8, grad / 8 + inputSize);
  const sumView = doubles.subarray(sums / 8, sums / 8 + kernels * taps);
  const listed = new Uint8Array(kernels);
  return {
    weightGradient(x, gradOut, gradWeight, gradBias) {
      if (gradWeight) inputView.set(x);
      let record = records;
      for (let o = 0; o < kernels; o++) {
        let entry = record + 8;
        let biasSum = 0;
        for (let p = 0, at = o * positions; p < positions; p++, at++) {
          const value = gradOut[at]!;
          if (value === 0) continue;
          words[entry >> 2] = input + bases[p]! * 8;
          doubles[(entry + 8) >> 3] = value;
          biasSum += value;
          entry += 16;
        }
        if (gradBias) gradBias[o]! += biasSum;
        listed[o] = entry > record + 8 ? 1 : 0;
        if (!listed[o]) continue;
        words[record >> 2] = sums + o * taps * 8;
        words[(record >> 2) + 1] = entry;
        record = entry;
      }
      if (!gradWeight) return;
      runWeights!(record);
      for (let o = 0; o < kernels; o++) {
        if (listed[o]) for (let k = o * taps; k < (o + 1) * taps; k++) gradWeight[k]! += sumView[k]!;
      }
    },
    inputGradient(w, gradOut, target) {
      weightView.set(w);
      gradView.set(target);
      let record = records;
      for (let p = 0; p < positions; p++) {
        let entry = record + 8;
        for (let o = 0, at = p; o < kernels; o++, at += positions) {
          const value = gradOut[at]!;
          if (value === 0) continue;
          words[entry >> 2] = weights + o * taps * 8;
          doubles[(entry + 8) >> 3] = value;
          entry += 16;
        }
        if (entry === record + 8) continue;
        words[record >> 2] = grad + bases[p]! * 8;
        words[(record >> 2) + 1] = entry;
        record = entry;
      }
      runInputs!(record);
      target.set(gradView);
    },
  };
}

/** Code that, for each record from `records` on, runs `perRecord` with the record's address and end in locals. */
function overRecords(records: number, perRecord: Code): Code {
  return [
    ...op.i32Const(records), ...op.localSet(L.record), ...op.block, ...op.loop,
    ...op.localGet(L.record), ...op.localGet(L.recordsEnd), ...op.i32GeU, ...op.brIf(1),
    ...op.localGet(L.record), ...op.i32Load(0), ...op.localSet(L.address),
    ...op.localGet(L.record), ...op.i32Load(4), ...op.localSet(L.entriesEnd),
    ...perRecord,
    ...op.localGet(L.entriesEnd), ...op.localSet(L.record), ...op.br(0), ...op.end, ...op.end,
  ];
}

/** For each tap pair of a pass: zeroes the sums, runs over the record's entries adding scale · value, then `store`. */
function passes(taps: number, value: (t: number) => Code, store: (k: number, t: number) => Code): Code {
  const code: Code = [];
  for (let first = 0; first < taps; first += 2 * PAIRS_PER_PASS) {
    const pairs = Math.min(PAIRS_PER_PASS, Math.ceil((taps - first) / 2));
    for (let k = 0; k < pairs; k++) code.push(...op.f64Zero, ...op.f64x2Splat, ...op.localSet(L.sum + k));
    code.push(...op.localGet(L.record), ...op.i32Const(8), ...op.i32Add, ...op.localSet(L.entry), ...op.loop);
    code.push(...op.localGet(L.entry), ...op.i32Load(0), ...op.localSet(L.base));
    code.push(...op.localGet(L.entry), ...op.v128Load64Splat(8), ...op.localSet(L.scale));
    for (let k = 0; k < pairs; k++) {
      code.push(...op.localGet(L.sum + k), ...op.localGet(L.scale), ...value(first + 2 * k), ...op.f64x2Mul, ...op.f64x2Add, ...op.localSet(L.sum + k));
    }
    code.push(...op.localGet(L.entry), ...op.i32Const(16), ...op.i32Add, ...op.localTee(L.entry), ...op.localGet(L.entriesEnd), ...op.i32LtU, ...op.brIf(0), ...op.end);
    for (let k = 0; k < pairs; k++) code.push(...store(k, first + 2 * k));
  }
  return code;
}

/** Weight gradient: the record's address is its kernel's sums; each entry holds a window's address and a gradient. */
function weightBody(offsets: Int32Array, records: number): Code {
  const taps = offsets.length;
  const window = (t: number): Code => {
    const at = offsets[t]! * 8;
    if (t + 1 >= taps) return [...op.localGet(L.base), ...op.v128Load64Splat(at)];
    if (offsets[t + 1] === offsets[t]! + 1) return [...op.localGet(L.base), ...op.v128Load(at)];
    return [...op.localGet(L.base), ...op.v128Load64Splat(at), ...op.localGet(L.base), ...op.f64Load(offsets[t + 1]! * 8), ...op.f64x2ReplaceLane(1)];
  };
  const store = (k: number, t: number): Code =>
    t + 1 < taps
      ? [...op.localGet(L.address), ...op.localGet(L.sum + k), ...op.v128Store(t * 8)]
      : [...op.localGet(L.address), ...op.localGet(L.sum + k), ...op.f64x2ExtractLane(0), ...op.f64Store(t * 8)];
  return overRecords(records, passes(taps, window, store));
}

/** Input gradient: the record's address is its position's window; each entry holds a kernel's weights and a gradient. */
function inputBody(offsets: Int32Array, records: number): Code {
  const taps = offsets.length;
  const weightsOf = (t: number): Code => [...op.localGet(L.base), ...(t + 1 < taps ? op.v128Load(t * 8) : op.v128Load64Splat(t * 8))];
  const store = (k: number, t: number): Code => {
    const code: Code = [];
    for (let lane = 0; lane < 2 && t + lane < taps; lane++) {
      const at = offsets[t + lane]! * 8;
      code.push(...op.localGet(L.address), ...op.localGet(L.address), ...op.f64Load(at));
      code.push(...op.localGet(L.sum + k), ...op.f64x2ExtractLane(lane), ...op.f64Add, ...op.f64Store(at));
    }
    return code;
  };
  return overRecords(records, passes(taps, weightsOf, store));
}
