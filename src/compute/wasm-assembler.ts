/**
 * Just enough of the WebAssembly binary format to write one function with its own memory: the instructions the
 * convolution kernels of ./conv-simd.ts use, each a small function returning its bytes. Writing the module from
 * TypeScript keeps the kernels in this package's source (no compiler, no binary file to trust) and lets a kernel
 * be written for one layer's sizes, with its offsets as constants. Reference: the WebAssembly Core Specification
 * 2.0, chapter 5 (binary format); the SIMD opcodes are those of the fixed-width SIMD proposal, shipped in every
 * browser the site supports.
 */

/** A sequence of instruction bytes. */
export type Code = number[];

/** Unsigned LEB128, as the format writes sizes, counts, indices and offsets. */
function unsigned(value: number): Code {
  const bytes: Code = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128, as `i32.const` writes its value. */
function signed(value: number): Code {
  const bytes: Code = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const vector = (items: Code[]): Code => [...unsigned(items.length), ...items.flat()];
const section = (id: number, body: Code): Code => [id, ...unsigned(body.length), ...body];
const name = (text: string): Code => vector([...text].map((c) => [c.charCodeAt(0)]));
/** A memory argument: log2 of the alignment the access promises, then a constant byte offset. */
const memory = (align: number, offset: number): Code => [align, ...unsigned(offset)];
const simd = (opcode: number, ...rest: Code): Code => [0xfd, ...unsigned(opcode), ...rest];

/** Value types. */
export const i32 = 0x7f;
export const v128 = 0x7b;

/** The instructions the kernels use (a name per WebAssembly's text format). */
export const op = {
  localGet: (index: number): Code => [0x20, ...unsigned(index)],
  localSet: (index: number): Code => [0x21, ...unsigned(index)],
  localTee: (index: number): Code => [0x22, ...unsigned(index)],
  i32Const: (value: number): Code => [0x41, ...signed(value)],
  i32Add: [0x6a] as Code,
  i32Sub: [0x6b] as Code,
  i32LtU: [0x49] as Code,
  i32GeU: [0x4f] as Code,
  i32Load: (offset: number): Code => [0x28, ...memory(2, offset)],
  f64Load: (offset: number): Code => [0x2b, ...memory(3, offset)],
  f64Store: (offset: number): Code => [0x39, ...memory(3, offset)],
  f64Add: [0xa0] as Code,
  /** The float64 0 (its eight bytes, little-endian). */
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0] as Code,
  /** Loads two float64 at once; the address need not be 16-byte aligned (the hint says 8). */
  v128Load: (offset: number): Code => simd(0x00, ...memory(3, offset)),
  /** Loads one float64 into both lanes. */
  v128Load64Splat: (offset: number): Code => simd(0x0a, ...memory(3, offset)),
  v128Store: (offset: number): Code => simd(0x0b, ...memory(3, offset)),
  f64x2Splat: simd(0x14),
  f64x2ExtractLane: (lane: number): Code => simd(0x21, lane),
  f64x2ReplaceLane: (lane: number): Code => simd(0x22, lane),
  /** Lane by lane, each rounded as a float64 add or multiply alone (no fused multiply-add). */
  f64x2Add: simd(0xf0),
  f64x2Mul: simd(0xf2),
  /** `block` and `loop` without results; `br n` leaves the n-th enclosing block or repeats the n-th loop. */
  block: [0x02, 0x40] as Code,
  loop: [0x03, 0x40] as Code,
  br: (depth: number): Code => [0x0c, ...unsigned(depth)],
  brIf: (depth: number): Code => [0x0d, ...unsigned(depth)],
  end: [0x0b] as Code,
};

/** One exported function: its parameters (it returns nothing), its locals as [count, type] runs, its body. */
export interface WasmFunction {
  name: string;
  params: number[];
  locals: [number, number][];
  /** The instructions, without the final `end`. */
  body: Code;
}

/** `bytes` rounded up to a multiple of 16, where a region of a kernel's memory may start (two float64 lanes). */
export const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * A module with a memory of at least `memoryBytes` (whole 64 KiB pages, at least one), exported as `memory`, and the
 * functions, each exported by name.
 */
export function moduleBytes(memoryBytes: number, functions: WasmFunction[]): Uint8Array {
  const pages = Math.max(1, Math.ceil(memoryBytes / 65536));
  const codes = functions.map(({ locals, body }) => {
    const code = [...vector(locals.map(([count, type]) => [...unsigned(count), type])), ...body, ...op.end];
    return [...unsigned(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(functions.map(({ params }) => [0x60, ...vector(params.map((type) => [type])), ...vector([])]))),
    ...section(3, vector(functions.map((_, index) => unsigned(index)))),
    ...section(5, vector([[0x00, ...unsigned(pages)]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], ...functions.map((f, index) => [...name(f.name), 0x00, ...unsigned(index)])])),
    ...section(10, vector(codes)),
  ]);
}

/** The part of the WebAssembly JavaScript API used here (this package is compiled without DOM or Node types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
/** Read when used, not when loaded: a page's policy, or a test, may replace it. */
const wasm = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this engine accepts the module (false where there is no WebAssembly at all). */
export const validates = (bytes: Uint8Array): boolean => wasm()?.validate(bytes) ?? false;

/**
 * Compiles and instantiates a module from moduleBytes: its memory's buffer and its functions, or null if the engine
 * refuses (no WebAssembly, a policy against compiling, or a browser's main thread with a module over 4 KB).
 */
export function instantiate(bytes: Uint8Array): { buffer: ArrayBuffer; functions: Record<string, (...args: number[]) => void> } | null {
  try {
    const api = wasm()!;
    const { exports } = new api.Instance(new api.Module(bytes), {});
    const { memory, ...functions } = exports as { memory: { buffer: ArrayBuffer } } & Record<string, (...args: number[]) => void>;
    return { buffer: memory.buffer, functions };
  } catch {
    return null;
  }
}
