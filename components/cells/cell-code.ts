/**
 * Turning a cell's text into something a worker can run, without a parser of our own: TypeScript types and ES
 * imports are handled by sucrase (passed in, so this file stays pure and testable in Node); the value of the last
 * expression is captured by rewriting the last top-level line when it is an expression statement.
 */

/** Words that start a statement rather than an expression, so the last line is not a value to show. */
const STATEMENT = /^(?:const|let|var|function|async\s+function|class|if|for|while|do|switch|try|return|throw|import|export|type|interface|enum|declare|break|continue)\b|^[}\])]|^\/\/|^\/\*|^\*/;

/**
 * The code with its last line rewritten as `__cell.value = (…);` when that line is a complete expression on its
 * own (it does not open or continue a block). Returns the code unchanged otherwise; the caller compiles both and
 * keeps the rewrite only if it compiles.
 */
export function captureLastExpression(code: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  let last = lines.length - 1;
  while (last >= 0 && /^\s*(?:\/\/.*)?$/.test(lines[last]!)) last--;
  if (last < 0) return code;
  const line = lines[last]!;
  // A trailing comment stays after the rewrite (one with a quote in it is left alone: it may be inside a string).
  const comment = /\s*\/\/[^'"`]*$/.exec(line)?.[0] ?? '';
  const trimmed = line.slice(0, line.length - comment.length).trim().replace(/;$/, '');
  // A line indented further than the first, or one that continues the line before, is part of a longer statement.
  const continues = last > 0 && (/^\s/.test(line) || /[,(\[{=+\-*/?:&|]\s*$/.test(lines[last - 1]!.replace(/\/\/.*$/, '').trimEnd()));
  if (STATEMENT.test(trimmed) || continues || trimmed.endsWith('{') || trimmed === '') return code;
  lines[last] = `__cell.value = (${trimmed});${comment}`;
  return lines.join('\n');
}

/** Module specifiers a cell may import: the notebook's compute package, however the snippet spells its path. */
export const isComputeModule = (specifier: string): boolean => /(?:^|\/)src\/compute(?:\/index(?:\.ts)?)?$|^nn-notebook\/compute$/.test(specifier);

/**
 * The line (1-based, in the cell's own text) an error's stack points at, for code run as `new Function(…)`:
 * V8 names it `<anonymous>` and counts `lineOffset` header lines before the body.
 */
export function errorLine(stack: string | undefined, lineOffset: number): number | null {
  const match = /<anonymous>:(\d+):\d+/.exec(stack ?? '');
  if (!match) return null;
  const line = Number(match[1]) - lineOffset;
  return line >= 1 ? line : null;
}

/** The names a cell's code sees besides its scope (the compute package's exports). */
export const CELL_PARAMETERS = ['require', 'exports', 'module', 'console', '__cell'] as const;

/** A compiled cell: call it with the values of CELL_PARAMETERS, in order. */
export type CellFunction = (...args: unknown[]) => unknown;

/** Names the code declares at its top level with const, let or class: those must not also arrive as parameters. */
export const declaredNames = (code: string): Set<string> =>
  new Set([...code.matchAll(/^(?:export\s+)?(?:const|let|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!));

/**
 * Compiles a cell with `toJs` (sucrase: TypeScript and imports to plain JS) into a function of CELL_PARAMETERS
 * whose code also sees every name in `scope`, capturing the value of its last line in `__cell.value` when that
 * compiles (`captured`), and appending `tail` (code that runs after it). A `prelude` (hidden code: a listing's own
 * module, see src/lib/cell-prelude.ts) runs first; `preludeLines` is how many lines it takes, to subtract from an
 * error's line. Throws the compiler's SyntaxError for code that does not compile either way.
 */
export function compileCell(code: string, toJs: (code: string) => string, scope: Readonly<Record<string, unknown>>, tail = '', prelude = ''): { body: CellFunction; captured: boolean; preludeLines: number } {
  const before = prelude ? `${toJs(prelude)}\n` : '';
  const preludeLines = before ? before.split('\n').length - 1 : 0;
  // The prelude declares its modules inside their own scopes; at the top it adds only its last line's names.
  const preludeNames = /^\/\/ cell scope\nconst \{ ([^}]*) \}/m.exec(prelude)?.[1]?.split(', ') ?? [];
  const own = new Set([...declaredNames(code), ...preludeNames]);
  const names = Object.keys(scope).filter((name) => !own.has(name));
  const values = names.map((name) => scope[name]);
  const build = (text: string): CellFunction => {
    const inner = new Function(...CELL_PARAMETERS, ...names, before + toJs(text + tail));
    return (...args: unknown[]) => inner(...args, ...values);
  };
  const rewritten = captureLastExpression(code);
  if (rewritten !== code) {
    try {
      return { body: build(rewritten), captured: true, preludeLines };
    } catch {
      // The last line looked like an expression but was part of something longer: run the code as it is.
    }
  }
  return { body: build(code), captured: false, preludeLines };
}
