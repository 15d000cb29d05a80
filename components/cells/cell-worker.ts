/**
 * Runs a code cell off the page: TypeScript and imports through sucrase, then the code as a function whose scope
 * holds the compute package (imported or not), a console that records, and nothing of the network. Replies with
 * what it printed, the value of its last expression, its error (with the line), and an exercise's check.
 */
import { transform } from 'sucrase';
import * as compute from '../../src/compute';
import { CELL_PARAMETERS, compileCell, errorLine, isComputeModule, type CellFunction } from './cell-code';
import { formatValue, toDisplay } from './display';
import { checkExercise, codeExercises } from './exercises';
import type { CellReply, CellRequest, CheckResult, Display } from './cell-protocol';

const formatArgument = (value: unknown) => formatValue(value, 1);

// The code may compute, not communicate: no requests, sockets, nested workers or storage from here.
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'SharedWorker', 'indexedDB', 'caches', 'BroadcastChannel']) {
  try {
    Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
  } catch {
    // Some names may be missing in a given browser: nothing to remove.
  }
}

/** Characters of output kept per run; the rest is dropped with a note. */
const OUTPUT_CAP = 20_000;
const SCOPE = compute as Readonly<Record<string, unknown>>;
const PARAMETERS = [...CELL_PARAMETERS, ...Object.keys(SCOPE)];
// How many lines V8 puts before the body of a `new Function` (measured, not assumed).
const LINE_OFFSET = (() => {
  try {
    new Function(...PARAMETERS, 'throw new Error()')();
  } catch (error) {
    return (errorLine((error as Error).stack, 0) ?? 3) - 1;
  }
  return 2;
})();

const requireModule = (specifier: string): unknown => {
  if (isComputeModule(specifier)) return compute;
  throw new Error(`Only the notebook’s compute package can be imported here (from './src/compute'), not '${specifier}'.`);
};

const toJs = (code: string) => transform(code, { transforms: ['typescript', 'imports'], production: true }).code;

function run(request: CellRequest): CellReply {
  const start = performance.now();
  const output: Display[] = [];
  let [size, truncated] = [0, false];
  const show = (items: Display[]) => {
    for (const item of items) {
      size += item.kind === 'text' ? item.text.length : item.rows.reduce((n, row) => n + row.join('').length, 0);
      if (size > OUTPUT_CAP) truncated = true;
      else output.push(item);
    }
  };
  const print = (prefix: string) => (...args: unknown[]) => show(args.length === 1 && !prefix ? toDisplay(args[0]) : [{ kind: 'text', text: prefix + args.map((a) => formatValue(a)).join(' ') }]);
  const recorder = { log: print(''), info: print(''), debug: print(''), warn: print('warning: '), error: print('error: '), table: print('') };
  const cell: { value?: unknown; defined?: unknown } = {};
  const exercise = request.exercise ? codeExercises[request.exercise] : undefined;
  // Hand the exercise's function back out of the cell's scope (declarations are hoisted; const ones are set by now).
  const tail = exercise ? `\n;__cell.defined = typeof ${exercise.fn} === 'undefined' ? undefined : ${exercise.fn};` : '';
  const reply = (rest: Partial<CellReply>): CellReply => ({ id: request.id, output, value: null, error: null, check: null, truncated, ms: performance.now() - start, ...rest });
  let body: CellFunction;
  let captured: boolean;
  let preludeLines: number;
  try {
    ({ body, captured, preludeLines } = compileCell(request.code, toJs, SCOPE, tail, request.prelude));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return reply({ error: { message: `Syntax error: ${message.replace(/\s*\(\d+:\d+\)$/, '')}`, line: Number(/\((\d+):\d+\)/.exec(message)?.[1]) || null } });
  }
  try {
    body(requireModule, {}, { exports: {} }, recorder, cell);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : `Thrown: ${formatValue(error)}`;
    return reply({ error: { message, line: error instanceof Error ? errorLine(error.stack, LINE_OFFSET + preludeLines) : null } });
  }
  const value = captured && cell.value !== undefined ? toDisplay(cell.value) : null;
  let result: CheckResult | null = null;
  if (request.exercise) {
    try {
      result = checkExercise(request.exercise, cell.defined, formatArgument);
    } catch (error) {
      return reply({ value, error: { message: error instanceof Error ? error.message : String(error), line: null } });
    }
  }
  return reply({ value, check: result, truncated });
}

self.addEventListener('message', (event: MessageEvent<CellRequest>) => {
  (self as unknown as Worker).postMessage(run(event.data));
});
