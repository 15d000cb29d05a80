import { describe, expect, it } from 'vitest';
import { transform } from 'sucrase';
import * as compute from '../../src/compute';
import { captureLastExpression, compileCell, declaredNames, errorLine, isComputeModule } from '../../components/cells/cell-code';
import { formatValue, toDisplay } from '../../components/cells/display';
import { checkExercise, codeExercises, numberExercises } from '../../components/cells/exercises';
import { exerciseTexts } from '../../components/cells/exercise-texts';
import { cellPrelude } from '../../src/lib/cell-prelude';
import { COMPUTE_NAMES, runAtBuild } from '../../src/lib/run-at-build';

const toJs = (code: string) => transform(code, { transforms: ['typescript', 'imports'], production: true }).code;
const scope = compute as Readonly<Record<string, unknown>>;
/** Runs a cell as the worker does and returns what its code left in __cell. */
function runCell(code: string, tail = ''): { value?: unknown; defined?: unknown } {
  const cell: { value?: unknown; defined?: unknown } = {};
  const { body } = compileCell(code, toJs, scope, tail);
  body(() => compute, {}, { exports: {} }, { log() {} }, cell);
  return cell;
}

describe('cell code', () => {
  it('captures the last line when it is an expression, and only then', () => {
    expect(captureLastExpression('const x = 1;\nx + 1;')).toBe('const x = 1;\n__cell.value = (x + 1);');
    expect(captureLastExpression('softmax([1, 2])\n// → [0.27, 0.73]\n')).toBe('__cell.value = (softmax([1, 2]));\n// → [0.27, 0.73]');
    for (const code of ['const x = 1;', 'for (;;) {}', 'function f() {\n  return 1;\n}', 'f(1,\n  2)', 'if (a) b();\n}', '']) {
      expect(captureLastExpression(code)).toBe(code);
    }
  });

  it('a rewrite that would not compile is dropped: the code runs as written', () => {
    expect(runCell('const o = {\na: 1 }').value).toBeUndefined();
    expect(runCell('const x: number = 2;\nx * 21').value).toBe(42);
  });

  it('imports from the compute package resolve, other modules do not exist; declared names shadow the package', () => {
    expect(runCell("import { softmax } from './src/compute';\nsoftmax([0, 0])").value).toEqual([0.5, 0.5]);
    expect(isComputeModule('../src/compute')).toBe(true);
    expect(isComputeModule('nn-notebook/compute')).toBe(true);
    expect(isComputeModule('fs')).toBe(false);
    expect(declaredNames('const softmax = 1;\nexport class A {}\n  let inner = 2;')).toEqual(new Set(['softmax', 'A']));
    expect(runCell('const softmax = (z: number[]) => z;\nsoftmax([3])').value).toEqual([3]);
  });

  it("finds an error's line in the cell from a V8 stack", () => {
    expect(errorLine('TypeError: x\n    at eval (eval at run (worker.js:1:1), <anonymous>:7:3)', 2)).toBe(5);
    expect(errorLine('Error\n    at f (worker.js:3:1)', 2)).toBeNull();
  });
});

describe('cell display', () => {
  it('formats values as JavaScript prints them, eliding long arrays', () => {
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue([1, 'a', null, { b: [2] }])).toBe('[1, "a", null, { b: [2] }]');
    expect(formatValue(Float64Array.from([1, 2]))).toBe('Float64Array(2) [1, 2]');
    expect(formatValue(Array.from({ length: 70 }, (_, i) => i))).toMatch(/, 59, … 10 more\]$/);
    expect(formatValue(new Map([[1, 'x']]))).toBe('Map {1 => "x"}');
  });

  it('shows Tensors and matrices as tables, plane by plane', () => {
    expect(toDisplay(compute.tensor([2, 2], [1, 2, 3, 4]))).toEqual([{ kind: 'table', caption: 'Tensor 2×2', rows: [['1', '2'], ['3', '4']] }]);
    const cube = toDisplay(compute.zeros([6, 2, 2]));
    expect(cube).toHaveLength(5);
    expect(cube[4]).toEqual({ kind: 'text', text: '… 2 more 2×2 planes' });
    expect(toDisplay([[1, 2], [3, 4]])[0]).toMatchObject({ kind: 'table', caption: '2×2' });
    const wide = toDisplay(compute.zeros([1, 20]))[0] as { rows: string[][] };
    expect(wide.rows[0]).toHaveLength(17);
  });
});

describe('exercises', () => {
  it.each(Object.keys(codeExercises))('%s: the solution passes, the plausible mistake fails on a named case, the starter runs', (id) => {
    const { fn } = codeExercises[id]!;
    const text = exerciseTexts[id]!;
    const defined = (code: string) => runCell(code, `\n;__cell.defined = ${fn};`).defined;
    expect(checkExercise(id, defined(text.solution), (v) => formatValue(v, 1))).toMatchObject({ passed: true });
    const wrong = checkExercise(id, defined(text.wrong), (v) => formatValue(v, 1));
    expect(wrong.passed).toBe(false);
    if (!wrong.passed) expect(wrong.failed.input).toMatch(new RegExp(`^${fn}\\(`));
    expect(() => runCell(text.starter)).not.toThrow();
  });

  it('every number exercise has a finite answer and a tolerance', () => {
    for (const [id, { answer, tolerance }] of Object.entries(numberExercises)) {
      expect(Number.isFinite(answer), id).toBe(true);
      expect(tolerance).toBeGreaterThanOrEqual(0);
    }
    expect(numberExercises['conv-parameters']!.answer).toBe(1792);
    expect(numberExercises['stack-field']!.answer).toBe(14);
  });

  it('a missing function is explained', () => {
    expect(() => checkExercise('entropy', undefined, String)).toThrow(/Define a function named entropy/);
  });
});

describe('"Run this" preludes', () => {
  it("rebuild a listing's module so its private helpers are in scope, and an edited copy replaces the real one", () => {
    const prelude = cellPrelude('src/compute/information.ts', 'entropy', COMPUTE_NAMES);
    const listing = 'function entropy(p: number[], base = 2): number {\n  return 42 + logBase(base);\n}\nentropy([1])';
    expect(runAtBuild(listing, 'test', prelude)).toBe(42 + Math.log(2));
    expect(() => runAtBuild('logBase(2)', 'a cell without the prelude')).toThrow(/logBase is not defined/);
  });
});

describe("widgets' snippets", () => {
  const specs = import.meta.glob<Record<string, unknown>>('../../components/**/*.spec.ts', { eager: true });
  const all = Object.entries(specs).flatMap(([file, module]) => Object.values(module).filter((v): v is { tag: string; snippet: (s: unknown) => string; notRunnable?: string; fields: Record<string, { default: unknown }> } => typeof v === 'object' && v !== null && 'snippet' in v && 'fields' in v).map((spec) => ({ file, spec })));

  it.each(all.map(({ file, spec }) => [spec.tag, file, spec] as const))('%s: the snippet of the default state runs as a cell and ends in a value', (_tag, _file, spec) => {
    if (spec.notRunnable) return;
    const state = Object.fromEntries(Object.entries(spec.fields).map(([key, field]) => [key, structuredClone(field.default)]));
    expect(() => runAtBuild(spec.snippet(state), `${spec.tag}'s snippet`)).not.toThrow();
  });
});
