import { parseBoundedNumber, type Parsed } from './numbers';
import { formatNumber } from './format';

/** A small matrix as typed by a reader: row-major values and its size. */
export interface TypedMatrix {
  rows: number;
  cols: number;
  values: number[];
}

/**
 * Reads a matrix typed one row per line (or rows separated by ";"), entries separated by spaces or commas.
 * Every row must have the same length, within the size limits; every entry a number within the bounds.
 */
export function parseMatrix(
  text: string,
  limits: { maxRows: number; maxCols: number; min: number; max: number; label: string },
): Parsed<TypedMatrix> {
  const lines = text.split(/[\n;]+/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return { ok: false, message: `${limits.label} is empty: type one row of numbers per line.` };
  if (lines.length > limits.maxRows) return { ok: false, message: `${limits.label} can have at most ${limits.maxRows} rows, not ${lines.length}.` };
  const rows = lines.map((line) => line.split(/[\s,]+/).filter((part) => part !== ''));
  const cols = rows[0]!.length;
  if (cols > limits.maxCols) return { ok: false, message: `${limits.label} can have at most ${limits.maxCols} columns, not ${cols}.` };
  const ragged = rows.findIndex((row) => row.length !== cols);
  if (ragged >= 0) {
    return { ok: false, message: `Row ${ragged + 1} of ${limits.label.toLowerCase()} has ${rows[ragged]!.length} numbers, but row 1 has ${cols}: every row needs the same count.` };
  }
  const values: number[] = [];
  for (const [r, row] of rows.entries()) {
    for (const [c, part] of row.entries()) {
      const parsed = parseBoundedNumber(part, { min: limits.min, max: limits.max, label: `The entry in row ${r + 1}, column ${c + 1}` });
      if (!parsed.ok) return parsed;
      values.push(parsed.value);
    }
  }
  return { ok: true, value: { rows: lines.length, cols, values } };
}

/** Writes a row-major matrix back as text, one row per line, numbers padded so columns line up. */
export function matrixToText(values: readonly number[], cols: number): string {
  const texts = values.map((v) => formatNumber(v, 4));
  const width = Math.max(...texts.map((t) => t.length));
  const lines: string[] = [];
  for (let r = 0; r * cols < texts.length; r++) lines.push(texts.slice(r * cols, (r + 1) * cols).map((t) => t.padStart(width)).join(' '));
  return lines.join('\n');
}
