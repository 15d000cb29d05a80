/** Limits for one number a reader types or a URL carries. */
export interface NumberBounds {
  min: number;
  max: number;
  /** Require a whole number. */
  integer?: boolean;
  /** What the number is, for messages ("stride", "logit 2"). */
  label?: string;
}

/** A parse that either gives a value or a message for the reader; never throws. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

// Plain decimal or scientific notation only: no hex, no "Infinity", no empty string (which Number() turns into 0).
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a typed or URL-supplied number, rejecting non-numbers, NaN, ±Infinity and values outside the bounds. */
export function parseBoundedNumber(text: string, bounds: NumberBounds): Parsed<number> {
  const what = bounds.label ?? 'This value';
  // Readers paste "−3" with a real minus sign, and some locales type "0,5".
  // Digit groups may be separated by spaces or underscores ("1 000 000").
  const cleaned = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/(\d)[\s_](?=\d{3}(?:\D|$))/g, '$1')
    .replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  if (cleaned === '') return { ok: false, message: `${what} is empty: enter a number.` };
  if (cleaned.length > 40 || !NUMBER_PATTERN.test(cleaned)) {
    return { ok: false, message: bounds.integer ? `${what} must be a whole number, like 2.` : `${what} must be a number, like 2 or 0.5.` };
  }
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { ok: false, message: `${what} is too large to be a finite number.` };
  if (bounds.integer && !Number.isInteger(value)) return { ok: false, message: `${what} must be a whole number.` };
  if (value < bounds.min || value > bounds.max) {
    return { ok: false, message: `${what} must be between ${bounds.min} and ${bounds.max}.` };
  }
  return { ok: true, value };
}

/** Parses a comma- or space-separated list of bounded numbers with a bounded length. */
export function parseNumberList(
  text: string,
  bounds: NumberBounds & { minLength: number; maxLength: number },
): Parsed<number[]> {
  const what = bounds.label ?? 'The list';
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length < bounds.minLength || parts.length > bounds.maxLength) {
    const count = bounds.minLength === bounds.maxLength ? `exactly ${plural(bounds.minLength, 'number')}` : `between ${bounds.minLength} and ${bounds.maxLength} numbers`;
    return { ok: false, message: `${what} must have ${count}, not ${parts.length}.` };
  }
  const values: number[] = [];
  for (const [i, part] of parts.entries()) {
    const parsed = parseBoundedNumber(part, { ...bounds, label: `Entry ${i + 1} of ${what.replace(/^The /, 'the ')}` });
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

/** "1 number", "3 numbers": a count with its noun in the right number. */
export const plural = (count: number, noun: string, nouns = `${noun}s`): string => `${count} ${count === 1 ? noun : nouns}`;
