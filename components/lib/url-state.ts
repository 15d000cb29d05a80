import { parseBoundedNumber, parseNumberList, type NumberBounds } from './numbers';

/** How one piece of a widget's state is written in, and read back from, the page's query string. */
export type FieldSpec =
  | ({ kind: 'number' } & NumberBounds)
  | ({ kind: 'numbers'; minLength: number; maxLength: number } & NumberBounds)
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'flag' };

/** A widget's URL schema: field name → how to read it. */
export type StateSchema = Record<string, FieldSpec>;

/** The value type a field spec reads into. */
export type FieldValue<F extends FieldSpec> = F extends { kind: 'number' }
  ? number
  : F extends { kind: 'numbers' }
    ? number[]
    : F extends { kind: 'choice' }
      ? F['options'][number]
      : boolean;

/** The state a schema describes. */
export type StateOf<S extends StateSchema> = { [K in keyof S]: FieldValue<S[K]> };

/** Longest query value read at all; anything longer is ignored unread. */
const MAX_VALUE_LENGTH = 400;

/** The query-string key of a widget's field: namespaced so several widgets share one URL. */
export const stateKey = (widgetId: string, field: string): string => `${widgetId}.${field}`;

/**
 * Reads a widget's fields from a query string. Returns only the fields that are present and valid, plus one
 * message per field that was present but rejected. Never throws; values are numbers, booleans or one of the
 * schema's own option strings, so nothing from the URL can reach the page as markup.
 */
export function decodeState<S extends StateSchema>(
  search: string,
  widgetId: string,
  schema: S,
): { values: Partial<StateOf<S>>; errors: string[] } {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { values: {}, errors: [] };
  }
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [field, spec] of Object.entries(schema)) {
    const raw = params.get(stateKey(widgetId, field));
    if (raw === null) continue;
    const rejected = (why: string) => errors.push(`The link's value for “${field}” was ignored: ${why}`);
    if (raw.length > MAX_VALUE_LENGTH) {
      rejected('it is too long.');
      continue;
    }
    if (spec.kind === 'number') {
      const parsed = parseBoundedNumber(raw, { ...spec, label: 'it' });
      if (parsed.ok) values[field] = parsed.value;
      else rejected(parsed.message);
    } else if (spec.kind === 'numbers') {
      const parsed = parseNumberList(raw, { ...spec, label: 'it' });
      if (parsed.ok) values[field] = parsed.value;
      else rejected(parsed.message);
    } else if (spec.kind === 'choice') {
      const option = spec.options.find((o) => o === raw);
      if (option !== undefined) values[field] = option;
      else rejected(`it must be one of ${spec.options.join(', ')}.`);
    } else {
      if (raw === '1' || raw === '0') values[field] = raw === '1';
      else rejected('it must be 1 or 0.');
    }
  }
  return { values: values as Partial<StateOf<S>>, errors };
}

/** A state value as it is written in a query string: lists comma-separated, flags as 1 / 0. */
export type StateValue = number | readonly number[] | string | boolean;
export const encodeValue = (value: StateValue): string =>
  Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);

/** Writes a widget's state into a query string, leaving other widgets' and other keys untouched. */
export function encodeState(search: string, widgetId: string, state: Record<string, StateValue>): string {
  const params = new URLSearchParams(search);
  for (const [field, value] of Object.entries(state)) params.set(stateKey(widgetId, field), encodeValue(value));
  const text = params.toString().replace(/%2C/g, ',');
  return text === '' ? '' : `?${text}`;
}
