/**
 * How a cell shows values: numbers as JavaScript prints them, arrays and objects on one line (long ones elided),
 * Tensors ({ shape, data }) and lists of equal-length number arrays as tables. Pure, so the worker and the tests
 * share it.
 */
import type { Display } from './cell-protocol';

/** Entries shown of a long array, rows and columns of a table, channels of a tensor. */
export const LIMITS = { entries: 60, rows: 16, columns: 16, channels: 4, depth: 3, text: 2000 };

const isNumberArray = (value: unknown): value is ArrayLike<number> =>
  ArrayBuffer.isView(value) && !(value instanceof DataView) ? true : Array.isArray(value) && value.every((v) => typeof v === 'number');

/** A value of the compute package's Tensor shape: a shape of whole numbers and data of that many numbers. */
function isTensor(value: unknown): value is { shape: number[]; data: ArrayLike<number> } {
  if (typeof value !== 'object' || value === null) return false;
  const { shape, data } = value as { shape?: unknown; data?: unknown };
  return Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0) && isNumberArray(data) && data.length === shape.reduce((a: number, b: number) => a * b, 1);
}

/** One line of text for any value (strings unquoted at the top level, quoted inside structures). */
export function formatValue(value: unknown, depth = 0): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (depth >= LIMITS.depth) return Array.isArray(value) ? '[…]' : '{…}';
  if (isNumberArray(value) || Array.isArray(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, LIMITS.entries).map((v) => formatValue(v, depth + 1));
    const more = items.length > LIMITS.entries ? [`… ${items.length - LIMITS.entries} more`] : [];
    const prefix = ArrayBuffer.isView(value) ? `${value.constructor.name}(${items.length}) ` : '';
    return `${prefix}[${[...shown, ...more].join(', ')}]`;
  }
  if (value instanceof Map) return `Map {${[...value].slice(0, LIMITS.entries).map(([k, v]) => `${formatValue(k, depth + 1)} => ${formatValue(v, depth + 1)}`).join(', ')}}`;
  if (value instanceof Set) return `Set {${[...value].slice(0, LIMITS.entries).map((v) => formatValue(v, depth + 1)).join(', ')}}`;
  const entries = Object.entries(value as object);
  return `{ ${entries.slice(0, LIMITS.entries).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue(v, depth + 1)}`).join(', ')}${entries.length > LIMITS.entries ? ', …' : ''} }`;
}

/** A rows × columns block of numbers as a table, elided past the limits. */
function table(caption: string, data: ArrayLike<number>, offset: number, rows: number, columns: number): Display {
  const shownRows = Math.min(rows, LIMITS.rows);
  const shownColumns = Math.min(columns, LIMITS.columns);
  const body = Array.from({ length: shownRows }, (_, r) => {
    const cells = Array.from({ length: shownColumns }, (_, c) => formatValue(data[offset + r * columns + c]));
    return columns > shownColumns ? [...cells, '…'] : cells;
  });
  if (rows > shownRows) body.push(['…']);
  return { kind: 'table', caption, rows: body };
}

/** What to show for a value: tables for tensors and matrices, else one line of text. */
export function toDisplay(value: unknown): Display[] {
  if (isTensor(value)) {
    const { shape, data } = value;
    const name = `Tensor ${shape.join('×') || 'scalar'}`;
    if (shape.length <= 1) return [table(name, data, 0, 1, shape[0] ?? 1)];
    const [rows, columns] = shape.slice(-2) as [number, number];
    const planes = data.length / (rows * columns || 1);
    const shown = Math.min(planes, LIMITS.channels);
    const out = Array.from({ length: shown }, (_, p) => table(shape.length === 2 ? name : `${name}, [${p}]`, data, p * rows * columns, rows, columns));
    if (planes > shown) out.push({ kind: 'text', text: `… ${planes - shown} more ${rows}×${columns} planes` });
    return out;
  }
  // A list of equal-length number lists (a matrix written as arrays) reads best as a table too.
  if (Array.isArray(value) && value.length > 1 && value.every((row) => isNumberArray(row) && row.length === (value[0] as ArrayLike<number>).length && row.length > 1)) {
    const columns = (value[0] as ArrayLike<number>).length;
    return [table(`${value.length}×${columns}`, value.flatMap((row) => Array.from(row as ArrayLike<number>)), 0, value.length, columns)];
  }
  const text = formatValue(value);
  return [{ kind: 'text', text: text.length > LIMITS.text ? `${text.slice(0, LIMITS.text)}…` : text }];
}
