/**
 * A widget's state in the page's query string, `?<widget-id>.<field>=…`, written from and read back through the
 * widget's fields (fields.ts): every value the UI can reach encodes within its field's length limit and decodes to
 * itself; anything else in a link is rejected with a message and never reaches the page as markup.
 */
import { parseField, type Field, type Fields, type Matrix, type StateOf } from './fields';

/** The query-string key of a widget's field: namespaced so several widgets share one URL. */
export const stateKey = (widgetId: string, field: string): string => `${widgetId}.${field}`;

/** Longest text one number takes in a link (String() of any float64 is at most 24 characters). */
const NUMBER_CHARS = 24;

/** The longest encoded value a field's valid states can produce: longer link values are ignored unread. */
export function maxEncodedLength(field: Field): number {
  switch (field.kind) {
    case 'number':
      return NUMBER_CHARS;
    case 'numbers':
      return field.maxLength * (NUMBER_CHARS + 1);
    case 'choice':
      return Math.max(...field.options.map((o) => String(o.value).length));
    case 'set':
      return field.options.reduce((total, o) => total + String(o.value).length + 1, 0);
    case 'flag':
      return 1;
    case 'matrix':
      return 8 + field.maxRows * field.maxCols * (NUMBER_CHARS + 1);
    case 'text':
      return field.maxChars;
    case 'names':
      // Each character percent-encoded: up to 4 UTF-8 bytes of 3 characters each.
      return field.maxLength * (field.maxChars * 12 + 1);
  }
}

/** A field's value as it is written in a link: exact (numbers as String() gives them), lists comma-separated. */
export function encodeField(field: Field, value: unknown): string {
  switch (field.kind) {
    case 'numbers':
    case 'set':
      return (value as unknown[]).map(String).join(',');
    case 'flag':
      return value ? '1' : '0';
    case 'matrix': {
      const m = value as Matrix;
      return `${m.rows}x${m.cols}:${m.values.map(String).join(',')}`;
    }
    case 'names':
      return (value as string[]).map((name) => encodeURIComponent(name)).join(',');
    default:
      return String(value);
  }
}

/** Reads one field's link value, or says why it was rejected (the message never repeats the rejected text). */
export function decodeField(field: Field, key: string, raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const rejected = (why: string) => ({ ok: false as const, message: `The link’s value for “${key}” was ignored: ${why}` });
  if (raw.length > maxEncodedLength(field)) return rejected('it is too long.');
  let text = raw;
  if (field.kind === 'matrix') {
    const match = /^(\d{1,2})x(\d{1,2}):(.*)$/.exec(raw);
    if (!match) return rejected('it must be written rows x columns: values.');
    const [rows, cols, values] = [Number(match[1]), Number(match[2]), match[3]!.split(',')];
    if (values.length !== rows * cols) return rejected(`a ${rows}×${cols} matrix needs ${rows * cols} numbers.`);
    text = Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols).join(' ')).join('\n');
  } else if (field.kind === 'names') {
    let names: string[];
    try {
      // Decoded one by one: a name may itself hold a comma.
      names = raw.split(',').map((part) => decodeURIComponent(part));
    } catch {
      return rejected('it is not valid percent-encoding.');
    }
    if (names.length < field.minLength || names.length > field.maxLength) return rejected(`it must hold ${field.minLength} to ${field.maxLength} names.`);
    if (names.some((name) => name.length > field.maxChars)) return rejected(`each name must be at most ${field.maxChars} characters.`);
    const broken = field.check?.(names);
    return broken ? rejected(broken) : { ok: true, value: names };
  }
  const parsed = parseField({ ...field, noun: 'it' }, key, text);
  return parsed.ok ? parsed : rejected(parsed.message);
}

/**
 * Reads a widget's fields from a query string. Returns only the fields that are present and valid, plus one
 * message per field that was present but rejected. Never throws.
 */
export function decodeState<F extends Fields>(search: string, widgetId: string, fields: F): { values: Partial<StateOf<F>>; errors: string[] } {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { values: {}, errors: [] };
  }
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const raw = params.get(stateKey(widgetId, key));
    if (raw === null) continue;
    const decoded = decodeField(field, key, raw);
    if (decoded.ok) values[key] = decoded.value;
    else errors.push(decoded.message);
  }
  return { values: values as Partial<StateOf<F>>, errors };
}

/** Writes a widget's state into a query string, leaving other widgets' and other keys untouched. */
export function encodeState<F extends Fields>(search: string, widgetId: string, fields: F, state: Partial<StateOf<F>>): string {
  const params = new URLSearchParams(search);
  for (const [key, field] of Object.entries(fields)) {
    if (key in state) params.set(stateKey(widgetId, key), encodeField(field, state[key]));
  }
  const text = params.toString().replace(/%2C/g, ',');
  return text === '' ? '' : `?${text}`;
}
