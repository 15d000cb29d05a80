/**
 * Formats a number for display: `digits` significant digits, a real minus sign, ∞ for infinities, scientific notation
 * for very large or small magnitudes. A NaN (a bug upstream) shows as "—", never as "NaN".
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return '—';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e6 || magnitude < 1e-4) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    text = `${trimZeros(mantissa!)}×10${superscript(Number(exponent))}`;
  } else {
    text = trimZeros(value.toPrecision(digits));
    if (text.includes('e')) text = String(Number(text)); // toPrecision can switch to exponent form for integers
  }
  return text.replace(/-/g, '−');
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(n: number): string {
  const digits = String(Math.abs(n)).replace(/\d/g, (d) => SUPERSCRIPTS[Number(d)]!);
  return (n < 0 ? '⁻' : '') + digits;
}

/** A power of ten as a short axis label: "1", "10", "10⁻³", "10⁵". */
export const formatPowerOfTen = (exponent: number): string =>
  exponent === 0 ? '1' : exponent === 1 ? '10' : `10${superscript(exponent)}`;

/**
 * A whole number with thousands separators ("12,345"), rounded; non-finite and huge values as formatNumber does.
 * Not toLocaleString: its first call loads the locale data and cost a widget 50 ms of its first render on a phone.
 */
export function formatWhole(value: number): string {
  const text = String(Math.round(Math.abs(value)));
  if (!Number.isFinite(value) || text.includes('e')) return formatNumber(value);
  return (value <= -0.5 ? '−' : '') + text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A range, both ends included, as the prose writes it: "−64…130" (whole numbers unless `format` says otherwise). */
// A line may break after "…" (Unicode's line-breaking rules), which in a narrow caption leaves "−64…" on one line
// and "130" on the next; the word joiner (U+2060, invisible, not read aloud) forbids that break.
export const formatRange = (first: number, last: number, format: (value: number) => string = formatWhole): string =>
  `${format(first)}…\u2060${format(last)}`;

/** Formats a number as JavaScript would print it, rounded to `digits` significant digits: for code snippets. */
export function formatForCode(value: number, digits = 6): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : String(value);
}

/** Formats a list of numbers as a JavaScript array literal, for code snippets. */
export const arrayForCode = (values: readonly number[], digits = 6): string =>
  `[${values.map((v) => formatForCode(v, digits)).join(', ')}]`;

/** A number with its unit, singular when the number reads as exactly 1: "1 bit", "0.5 bits", "2 nats". */
export function quantity(value: number, unit: string, digits?: number): string {
  const text = formatNumber(value, digits);
  return `${text} ${text === '1' ? unit : `${unit}s`}`;
}
