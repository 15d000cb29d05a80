/**
 * The forward products of ./conv-products.ts as a WebAssembly function written for one layer's sizes, two float64
 * lanes at a time (SIMD). The same sums, added in the same order, so the results are the same to the last bit: each
 * output starts from its bias and adds w[o, t] · input[base + offset[t]] for t in weight order; one lane holds kernel
 * o, the other kernel o + 1. Why it is faster (LeNet-5's second convolution: about 190 → 65 µs a digit, measured
 * alternating): in JavaScript every typed-array read is bounds-checked and every tap's offset read from a table, and
 * the sixteen sums of a 4 × 4 block do not fit the sixteen float registers; here the offsets along a kernel row are
 * constants in the code, memory needs no checks, and eight two-lane sums plus their operands do fit. Taps are
 * unrolled along a kernel row only: unrolling all of them made the code too long to stay in the processor's decoded
 * instruction cache, and it ran no faster than JavaScript.
 */
import { align16, i32, instantiate, moduleBytes, op, v128, validates, type Code } from './wasm-assembler.ts';
import type { ConvGeometry } from './conv-kernels.ts';
import { accelerateProducts } from './conv-products.ts';
import { compileSimdBackward } from './conv-simd-backward.ts';

/** A compiled forward pass: out[o, p] += Σₜ w[o, t] · input[base[p] + offset[t]] for the `count` positions listed. */
export type SimdForward = (input: ArrayLike<number>, w: ArrayLike<number>, out: Float64Array, list: Int32Array, count: number) => void;

/**
 * From this many multiply-adds a pass on, a layer's products run as WebAssembly. Smaller layers (the chapters'
 * examples) are not worth compiling a module for, and a browser compiles only small modules on its main thread.
 */
const SIMD_FROM = 20_000;
/** Whether this engine has WebAssembly SIMD (asked once, on first use). */
let available: boolean | undefined;

/**
 * Runs convolutions as WebAssembly SIMD kernels (`on`), from `from` multiply-adds a pass on, or as JavaScript loops
 * (the default): the same results to the last bit, each pass 1.5 to 3 times faster, LeNet-5's training as a whole
 * 1.4–1.7 times. The trainers (the CNN lab's worker, `npm run train`) turn it on. Returns whether the kernels are now
 * in use: false where the engine has no WebAssembly SIMD.
 */
export function useSimd(on = true, from = SIMD_FROM): boolean {
  available ??= validates(moduleBytes(0, [{ name: 'run', params: [], locals: [[1, v128]], body: [...op.localGet(0), ...op.localGet(0), ...op.f64x2Mul, ...op.localSet(0)] }]));
  const install = on && available;
  accelerateProducts(install ? { from, forward: compileSimdForward, backward: compileSimdBackward } : null);
  return install;
}

/** Byte addresses of the regions in a kernel's memory. */
interface Layout {
  list: number;
  rows: number;
  input: number;
  weights: number;
  out: number;
  end: number;
}

/**
 * Compiles the forward pass for geometry `g` whose taps sit at `offsets` in an input of `inputSize` values (the
 * padded input, for a padded layer), or returns null if the engine refuses to compile it (a browser's main thread
 * compiles only small modules synchronously).
 */
export function compileSimdForward(g: ConvGeometry, offsets: Int32Array, bases: Int32Array, inputSize: number): SimdForward | null {
  const taps = offsets.length;
  const rows = taps / g.kw;
  const positions = bases.length;
  const kernelsPadded = g.kernels + (g.kernels % 2);
  const list = 0;
  const rowTable = align16(list + (positions + 3) * 8);
  const input = align16(rowTable + rows * 4);
  const weights = align16(input + inputSize * 8);
  const out = weights + taps * kernelsPadded * 8;
  const layout: Layout = { list, rows: rowTable, input, weights, out, end: out + kernelsPadded * positions * 8 };
  const body = forwardBody(g, offsets, positions, kernelsPadded, layout);
  const compiled = instantiate(moduleBytes(layout.end, [{ name: 'run', params: [i32], locals: [[23, i32], [11, v128]], body }]));
  if (!compiled) return null;
  const { buffer, functions: { run } } = compiled;
  const entries = new Int32Array(buffer, list, (positions + 3) * 2);
  const inputView = new Float64Array(buffer, input, inputSize);
  const weightView = new Float64Array(buffer, weights, taps * kernelsPadded);
  const outView = new Float64Array(buffer, out, kernelsPadded * positions);
  const rowView = new Int32Array(buffer, rowTable, rows);
  for (let r = 0; r < rows; r++) rowView[r] = offsets[r * g.kw]! * 8;
  const used = g.kernels * positions;
  return (x, w, result, positionList, count) => {
    inputView.set(x);
    // Weights tap-major, so that one load gives a tap's weight in two neighbouring kernels (a padding kernel stays 0).
    for (let o = 0; o < g.kernels; o++) for (let t = 0, at = o * taps; t < taps; t++, at++) weightView[t * kernelsPadded + o] = w[at]!;
    outView.set(result.subarray(0, used));
    for (let q = 0; q < count; q++) {
      const p = positionList[q]!;
      entries[2 * q] = input + bases[p]! * 8;
      entries[2 * q + 1] = p * 8;
    }
    // Whole blocks of four positions: the last position repeats (computed twice, the same value stored twice).
    const blocks4 = Math.ceil(count / 4) * 4;
    for (let q = count; q < blocks4; q++) (entries[2 * q] = entries[2 * q - 2]!), (entries[2 * q + 1] = entries[2 * q - 1]!);
    run!(blocks4 * 8);
    result.set(outView.subarray(0, used));
  };
}

/** Local variables: the parameter (the list's end), then i32s, then v128s. */
const L = { listEnd: 0, q: 1, inputAt: 2, outAt: 6, outAddress: 10, weightAt: 14, outBase: 15, blocks: 16, row: 17, rowWeights: 18, rowOffset: 19, tapAt: 20, sum: 24, weight: 32, value: 34 };

/**
 * For each listed block of four positions: for each block of two kernel pairs (then a last single pair), eight
 * two-lane sums start from the outputs, run over the kernel's rows (a loop) and each row's taps (unrolled), and are
 * stored back.
 */
function forwardBody(g: ConvGeometry, offsets: Int32Array, positions: number, kernelsPadded: number, layout: Layout): Code {
  const code: Code = [];
  const emit = (...parts: Code[]) => { for (const part of parts) code.push(...part); };
  const rowsEnd = layout.rows + (offsets.length / g.kw) * 4;
  const kernelBlock = (pairs: number) => {
    for (let m = 0; m < 4; m++) emit(op.localGet(L.outBase), op.localGet(L.outAt + m), op.i32Add, op.localSet(L.outAddress + m));
    for (let k = 0; k < pairs; k++) {
      for (let m = 0; m < 4; m++) {
        emit(op.localGet(L.outAddress + m), op.f64Load(2 * k * positions * 8), op.f64x2Splat);
        emit(op.localGet(L.outAddress + m), op.f64Load((2 * k + 1) * positions * 8), op.f64x2ReplaceLane(1), op.localSet(L.sum + 4 * k + m));
      }
    }
    emit(op.i32Const(layout.rows), op.localSet(L.row), op.localGet(L.weightAt), op.localSet(L.rowWeights), op.loop);
    emit(op.localGet(L.row), op.i32Load(0), op.localSet(L.rowOffset));
    for (let m = 0; m < 4; m++) emit(op.localGet(L.inputAt + m), op.localGet(L.rowOffset), op.i32Add, op.localSet(L.tapAt + m));
    for (let j = 0; j < g.kw; j++) {
      const along = (offsets[j]! - offsets[0]!) * 8;
      for (let k = 0; k < pairs; k++) emit(op.localGet(L.rowWeights), op.v128Load((j * kernelsPadded + 2 * k) * 8), op.localSet(L.weight + k));
      for (let m = 0; m < 4; m++) {
        emit(op.localGet(L.tapAt + m), op.v128Load64Splat(along), op.localSet(L.value));
        for (let k = 0; k < pairs; k++) {
          const sum = L.sum + 4 * k + m;
          emit(op.localGet(sum), op.localGet(L.weight + k), op.localGet(L.value), op.f64x2Mul, op.f64x2Add, op.localSet(sum));
        }
      }
    }
    emit(op.localGet(L.rowWeights), op.i32Const(g.kw * kernelsPadded * 8), op.i32Add, op.localSet(L.rowWeights));
    emit(op.localGet(L.row), op.i32Const(4), op.i32Add, op.localTee(L.row), op.i32Const(rowsEnd), op.i32LtU, op.brIf(0), op.end);
    for (let k = 0; k < pairs; k++) {
      for (let m = 0; m < 4; m++) {
        emit(op.localGet(L.outAddress + m), op.localGet(L.sum + 4 * k + m), op.f64x2ExtractLane(0), op.f64Store(2 * k * positions * 8));
        emit(op.localGet(L.outAddress + m), op.localGet(L.sum + 4 * k + m), op.f64x2ExtractLane(1), op.f64Store((2 * k + 1) * positions * 8));
      }
    }
    emit(op.localGet(L.weightAt), op.i32Const(pairs * 16), op.i32Add, op.localSet(L.weightAt));
    emit(op.localGet(L.outBase), op.i32Const(pairs * 2 * positions * 8), op.i32Add, op.localSet(L.outBase));
  };
  const pairs = kernelsPadded / 2;
  const doubleBlocks = Math.floor(pairs / 2);
  emit(op.block, op.loop);
  emit(op.localGet(L.q), op.localGet(L.listEnd), op.i32GeU, op.brIf(1));
  for (let m = 0; m < 4; m++) emit(op.localGet(L.q), op.i32Load(m * 8), op.localSet(L.inputAt + m), op.localGet(L.q), op.i32Load(m * 8 + 4), op.localSet(L.outAt + m));
  emit(op.i32Const(layout.weights), op.localSet(L.weightAt), op.i32Const(layout.out), op.localSet(L.outBase));
  if (doubleBlocks > 0) {
    emit(op.i32Const(doubleBlocks), op.localSet(L.blocks), op.loop);
    kernelBlock(2);
    emit(op.localGet(L.blocks), op.i32Const(1), op.i32Sub, op.localTee(L.blocks), op.brIf(0), op.end);
  }
  if (pairs % 2 === 1) kernelBlock(1);
  emit(op.localGet(L.q), op.i32Const(32), op.i32Add, op.localSet(L.q), op.br(0), op.end, op.end);
  return code;
}
