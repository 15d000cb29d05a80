/**
 * The notebook's exercises, checked against the compute package: for a code exercise, the function the reader
 * writes, fixed edge cases, seeded random cases and how to compare; for a number exercise, the answer (computed
 * here, so it cannot drift from the chapter) and its tolerance. Pure: the cell worker and the build both read it.
 */
import {
  analyze,
  convOutputSize,
  createOptimizer,
  crossEntropy,
  curves,
  descend1d,
  entropy,
  klDivergence,
  logSumExp,
  maxPool2dBackward,
  neuronGraph,
  backwardSteps,
  seededRandom,
  softmax,
  type Layer,
} from '../../src/compute';

/** A code exercise: the reader defines `fn`; each case is its arguments; `reference` gives the expected result. */
export interface CodeExercise {
  fn: string;
  cases: (random: () => number) => unknown[][];
  reference: (...args: never[]) => unknown;
  /** Whether `got` is right for `expected` (default: equal, numbers to 1e-9 relative, arrays entry by entry). */
  matches?: (got: unknown, expected: unknown) => boolean;
}

/** A number exercise: the answer and how far from it still counts. */
export interface NumberExercise {
  answer: number;
  tolerance: number;
}

const int = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const times = <T,>(count: number, make: () => T): T[] => Array.from({ length: count }, make);
/** A random distribution over `n` outcomes, some of them impossible (0 · log 0 must be handled). */
function distribution(random: () => number, n: number): number[] {
  const raw = times(n, () => (random() < 0.25 ? 0 : random()));
  if (!raw.some((v) => v > 0)) raw[0] = 1;
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / total);
}

/** Numbers within 1e-9 (relative, for large ones); infinities equal; arrays and objects entry by entry. */
export function close(got: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return typeof got === 'number' && (got === expected || Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected)));
  if (Array.isArray(expected) || ArrayBuffer.isView(expected)) {
    const [a, b] = [expected as ArrayLike<unknown>, got as ArrayLike<unknown>];
    return (Array.isArray(got) || ArrayBuffer.isView(got)) && b.length === a.length && Array.from(a).every((v, i) => close(b[i], v));
  }
  return Object.is(got, expected);
}

const matrix = (t: { shape: readonly number[]; data: ArrayLike<number> }): number[][] => {
  const [rows, columns] = t.shape.slice(-2) as [number, number];
  return times(rows, () => 0).map((_, r) => Array.from(t.data).slice(r * columns, (r + 1) * columns));
};

/** The code exercises by id (the id an <Exercise> names). */
export const codeExercises: Record<string, CodeExercise> = {
  'conv-output-size': {
    fn: 'outputSize',
    cases: (random) => [
      [5, 3, 1, 0, 1],
      [224, 11, 4, 2, 1],
      [6, 3, 2, 0, 1],
      [7, 3, 2, 1, 1],
      [10, 3, 1, 0, 2],
      [1, 1, 1, 0, 1],
      ...times(40, () => [int(random, 8, 64), int(random, 1, 7), int(random, 1, 4), int(random, 0, 3), int(random, 1, 3)]),
    ],
    reference: (n: number, k: number, s: number, p: number, d: number) => convOutputSize(n, k, s, p, d),
  },
  'receptive-field': {
    fn: 'receptiveField',
    cases: (random) => [
      [[{ kernel: 3, stride: 1 }]],
      [[{ kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }]],
      [[{ kernel: 11, stride: 4 }, { kernel: 3, stride: 2 }, { kernel: 5, stride: 1 }, { kernel: 3, stride: 2 }]],
      [[{ kernel: 1, stride: 2 }, { kernel: 3, stride: 1 }]],
      ...times(30, () => [times(int(random, 1, 6), () => ({ kernel: int(random, 1, 7), stride: int(random, 1, 3) }))]),
    ],
    reference: (layers: { kernel: number; stride: number }[]) => {
      const described: Layer[] = layers.map((l, i) => ({ name: `c${i}`, kind: 'conv', kernel: l.kernel, stride: l.stride }));
      return analyze(described, 100_000).at(-1)!.rf[0];
    },
  },
  entropy: {
    fn: 'entropy',
    cases: (random) => [[[1]], [[0.5, 0.5]], [[1, 0]], [[0.25, 0.25, 0.25, 0.25]], [[0, 0.3, 0, 0.7]], ...times(30, () => [distribution(random, int(random, 2, 8))])],
    reference: (p: number[]) => entropy(p),
  },
  'cross-entropy': {
    fn: 'crossEntropy',
    cases: (random) => [
      [[1, 0, 0], [0.5, 0.3, 0.2]],
      [[0.5, 0.5], [0.5, 0.5]],
      [[0, 1], [0, 1]],
      [[0.5, 0.5], [1, 0]],
      ...times(30, () => {
        const n = int(random, 2, 6);
        // q without zeros, so most answers are finite.
        const q = distribution(random, n).map((v) => v + 0.05);
        const total = q.reduce((a, b) => a + b, 0);
        return [distribution(random, n), q.map((v) => v / total)];
      }),
    ],
    reference: (p: number[], q: number[]) => crossEntropy(p, q),
  },
  'kl-divergence': {
    fn: 'kl',
    cases: (random) => [[[0.5, 0.5], [0.5, 0.5]], [[1, 0], [0.5, 0.5]], [[0.5, 0.5], [1, 0]], [[0.9, 0.1], [0.1, 0.9]], ...times(30, () => {
      const n = int(random, 2, 6);
      return [distribution(random, n), distribution(random, n)];
    })],
    reference: (p: number[], q: number[]) => klDivergence(p, q),
  },
  'log-sum-exp': {
    fn: 'logSumExp',
    cases: (random) => [[[0]], [[1, 2, 3]], [[1000, 1000]], [[-1000, -1000]], [[800, -800, 0]], ...times(30, () => [times(int(random, 1, 8), () => (random() - 0.5) * (random() < 0.3 ? 2000 : 20))])],
    reference: (z: number[]) => logSumExp(z),
  },
  'gradient-descent': {
    fn: 'descend',
    cases: (random) => [[2, 0.25, 3], [2, 0.75, 4], [-1, 0.5, 2], [3, 0, 2], ...times(20, () => [(random() - 0.5) * 6, random() * 0.9, int(random, 0, 12)])],
    reference: (x0: number, lr: number, steps: number) => descend1d(curves.parabola, x0, lr, steps),
  },
  'adam-steps': {
    fn: 'adamSteps',
    cases: (random) => [
      [[1], [[0.5]], 0.1],
      [[1, -2], [[1, 1], [1, 1]], 0.01],
      [[0, 0], [[1e-12, -3], [2, 0]], 0.1],
      ...times(20, () => {
        const n = int(random, 1, 3);
        return [times(n, () => random() * 4 - 2), times(int(random, 1, 6), () => times(n, () => random() * 2 - 1)), 0.001 + random() * 0.2];
      }),
    ],
    reference: (x0: number[], grads: number[][], lr: number) => {
      const optimizer = createOptimizer({ type: 'adam', lr });
      let x = x0;
      for (const g of grads) x = optimizer.step(x, g);
      return x;
    },
  },
  'maxpool-backward': {
    fn: 'maxPoolBackward',
    cases: (random) => {
      const grid = (rows: number, columns: number, values: () => number) => times(rows, () => times(columns, values));
      return [
        [[[1, 2], [3, 4]], [[1]]],
        [[[5, 5], [5, 5]], [[2]]],
        [[[1, 9, 2, 2], [3, 4, 2, 2]], [[1, -1]]],
        ...times(20, () => {
          const [rows, columns] = [2 * int(random, 1, 4), 2 * int(random, 1, 4)];
          return [grid(rows, columns, () => int(random, 0, 3)), grid(rows / 2, columns / 2, () => int(random, -3, 3))];
        }),
      ];
    },
    reference: (input: number[][], gradOut: number[][]) => {
      const tensor = (m: number[][]) => ({ shape: [1, m.length, m[0]!.length], data: Float64Array.from(m.flat()) });
      return matrix(maxPool2dBackward(tensor(input), tensor(gradOut), { kernel: 2 }));
    },
  },
};

/** The outcome of checking a reader's function: every case passed, or the first that did not, spelled out. */
export type CheckOutcome = { passed: true; cases: number } | { passed: false; cases: number; failed: { input: string; expected: string; got: string } };

/**
 * Calls `fn` on the exercise's cases (fixed ones first, then seeded random ones) and compares each result with the
 * compute package's; `format` writes values for the report. Throws an Error a reader can act on when there is no
 * such exercise or `fn` is not a function.
 */
export function checkExercise(id: string, fn: unknown, format: (value: unknown) => string): CheckOutcome {
  const exercise = codeExercises[id];
  if (!exercise) throw new Error(`There is no exercise "${id}".`);
  if (typeof fn !== 'function') throw new Error(`Define a function named ${exercise.fn}: it is what Check calls.`);
  const cases = exercise.cases(seededRandom(42));
  const matches = exercise.matches ?? close;
  for (const args of cases) {
    const expected = (exercise.reference as (...a: unknown[]) => unknown)(...structuredClone(args));
    let got: unknown;
    let threw = '';
    try {
      got = (fn as (...a: unknown[]) => unknown)(...structuredClone(args));
    } catch (error) {
      threw = `it threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
    if (threw || !matches(got, expected)) {
      return { passed: false, cases: cases.length, failed: { input: `${exercise.fn}(${args.map(format).join(', ')})`, expected: format(expected), got: threw || format(got) } };
    }
  }
  return { passed: true, cases: cases.length };
}

const graph = neuronGraph([1, 2], [0.5, -1, 2, 0.25], [0.1, -0.2], 1);

/** The number exercises by id. */
export const numberExercises: Record<string, NumberExercise> = {
  'conv-parameters': { answer: 3 * 64 * 3 * 3 + 64, tolerance: 0 },
  'stack-field': {
    answer: analyze([{ name: 'a', kind: 'conv', kernel: 3 }, { name: 'b', kind: 'conv', kernel: 3 }, { name: 'p', kind: 'maxpool', kernel: 2, stride: 2 }, { name: 'c', kind: 'conv', kernel: 3 }, { name: 'd', kind: 'conv', kernel: 3 }], 64).at(-1)!.rf[0],
    tolerance: 0,
  },
  'die-entropy': { answer: entropy([1, 1, 1, 1, 1, 1].map((v) => v / 6)), tolerance: 0.001 },
  'one-hot-cross-entropy': { answer: crossEntropy([1, 0, 0], [0.7, 0.2, 0.1], Math.E), tolerance: 0.001 },
  'coin-kl': { answer: klDivergence([0.5, 0.5], [0.9, 0.1]), tolerance: 0.001 },
  'softmax-share': { answer: softmax([2, 1, 0])[0]!, tolerance: 0.001 },
  'stable-rate': { answer: 2 / 4, tolerance: 1e-9 },
  'neuron-gradient': { answer: backwardSteps(graph).find((s) => s.id === 'x1')!.grad, tolerance: 0.001 },
};
