/**
 * The kinds of state a widget has, declared once per field: what the field holds, its bounds and default, and —
 * for a field the reader sets directly — its label and control. Pure: the .astro frontmatter (server render),
 * the custom element (client) and the URL code all read the same declaration. See components/README.md.
 */
import { plural } from './numbers';
import { parseBoundedNumber, parseNumberList, type Parsed } from './numbers';
import { parseMatrix, matrixToText } from './matrix-text';
import { formatNumber } from './format';

/** What every field has. A field with a `label` gets a control the base class binds; without one, it is state only. */
interface FieldBase<V> {
  default: V;
  /** The control's visible label. Omitted: no control of its own (a sub-part or an action sets it). */
  label?: string;
  /** Overrides the hint derived from the bounds (shown under the control). */
  hint?: string;
  /** The name used in messages ("The stride"); default: "The " + the label in lower case. */
  noun?: string;
  /** Width of a text field, in characters. */
  size?: number;
  /** A sub-part of the widget binds this field itself (see NotebookWidget.bindCustom). */
  custom?: true;
  /** A rule beyond the bounds (e.g. a list that must describe whole layers): a message if broken, else null. */
  check?: (value: V) => string | null;
}

/** A number within bounds: a text field, optionally paired with a range slider (linear or log10). */
export interface NumberField extends FieldBase<number> {
  kind: 'number';
  min: number;
  max: number;
  integer?: boolean;
  slider?: { min: number; max: number; step: number; log10?: boolean };
  /** Offer the whole numbers min…max in a select instead of a text field; `optionText` names each. */
  select?: { optionText: string };
}
/** A list of bounded numbers, typed comma- or space-separated. */
export interface NumbersField extends FieldBase<number[]> {
  kind: 'numbers';
  min: number;
  max: number;
  integer?: boolean;
  minLength: number;
  maxLength: number;
}
/** One option value (a string or a number); shown in a select with its text. */
export interface ChoiceField<V extends string | number = string | number> extends FieldBase<V> {
  kind: 'choice';
  options: readonly { value: V; text: string }[];
  /** Show the options as radio buttons instead of a select. */
  radios?: boolean;
}
/** Any subset of the options, in the options' order: a group of checkboxes. */
export interface SetField<V extends string | number = string | number> extends FieldBase<V[]> {
  kind: 'set';
  options: readonly { value: V; text: string }[];
}
/** On or off: a checkbox. */
export interface FlagField extends FieldBase<boolean> {
  kind: 'flag';
}
/** A small matrix typed one row per line. */
export interface MatrixField extends FieldBase<Matrix> {
  kind: 'matrix';
  maxRows: number;
  maxCols: number;
  min: number;
  max: number;
  /** Allowed shapes as "rows×cols" (e.g. a kernel that must be 3×3 or 5×5); default: any within the limits. */
  shapes?: readonly string[];
}
/** Free text of at most `maxChars` characters (e.g. a layer list), edited in a textarea. */
export interface TextField extends FieldBase<string> {
  kind: 'text';
  maxChars: number;
  rows?: number;
}
/** Short names (e.g. of outcomes), each at most `maxChars` characters. */
export interface NamesField extends FieldBase<string[]> {
  kind: 'names';
  maxChars: number;
  minLength: number;
  maxLength: number;
}

/** A row-major matrix and its size. */
export interface Matrix {
  rows: number;
  cols: number;
  values: number[];
}

export type Field = NumberField | NumbersField | ChoiceField | SetField | FlagField | MatrixField | TextField | NamesField;
/** A widget's fields by name. */
export type Fields = Record<string, Field>;
/** The value a field holds (by kind: a field's declared default may have a narrower literal type). */
export type ValueOf<F extends Field> = F extends { kind: 'number' }
  ? number
  : F extends { kind: 'numbers' }
    ? number[]
    : F extends { kind: 'choice'; options: readonly { value: infer V }[] }
      ? V
      : F extends { kind: 'set'; options: readonly { value: infer V }[] }
        ? V[]
        : F extends { kind: 'flag' }
          ? boolean
          : F extends { kind: 'matrix' }
            ? Matrix
            : F extends { kind: 'text' }
              ? string
              : string[];
/** The state a set of fields describes. */
export type StateOf<F extends Fields> = { [K in keyof F]: ValueOf<F[K]> };

/** Declares a number field. */
export const numberField = <const F extends Omit<NumberField, 'kind'>>(field: F): F & { kind: 'number' } => ({ kind: 'number', ...field });
/** Declares a list-of-numbers field. */
export const numbersField = <const F extends Omit<NumbersField, 'kind' | 'default'> & { default: readonly number[] }>(field: F) =>
  ({ kind: 'numbers', ...field, default: [...field.default] }) as Omit<F, 'default'> & { kind: 'numbers'; default: number[] };
/** Declares a choice among options; the value type is the union of the option values. */
export const choiceField = <const V extends string | number, const F extends Omit<ChoiceField<V>, 'kind'>>(field: F & { options: readonly { value: V; text: string }[] }) =>
  ({ kind: 'choice', ...field }) as Omit<F, 'default'> & { kind: 'choice'; default: V; options: readonly { value: V; text: string }[] };
/** Declares a field holding any subset of its options. */
export const setField = <const V extends string | number, const F extends Omit<SetField<V>, 'kind' | 'default'>>(field: F & { options: readonly { value: V; text: string }[]; default: readonly V[] }) =>
  ({ kind: 'set', ...field, default: [...field.default] }) as Omit<F, 'default'> & { kind: 'set'; default: V[]; options: readonly { value: V; text: string }[] };
/** Declares an on/off field. */
export const flagField = <const F extends Omit<FlagField, 'kind'>>(field: F): F & { kind: 'flag' } => ({ kind: 'flag', ...field });
/** Declares a matrix field. */
export const matrixField = <const F extends Omit<MatrixField, 'kind'>>(field: F): F & { kind: 'matrix' } => ({ kind: 'matrix', ...field });
/** Declares a free-text field. */
export const textField = <const F extends Omit<TextField, 'kind'>>(field: F): F & { kind: 'text' } => ({ kind: 'text', ...field });
/** Declares a list-of-names field. */
export const namesField = <const F extends Omit<NamesField, 'kind' | 'default'> & { default: readonly string[] }>(field: F) =>
  ({ kind: 'names', ...field, default: [...field.default] }) as Omit<F, 'default'> & { kind: 'names'; default: string[] };

/**
 * How a field is named in messages: its noun, or one made from its label ("Learning rate η" → "The learning
 * rate": a trailing symbol is dropped; "Your kernel" stays as it is), or its key.
 */
export function nounOf(field: Field, key: string): string {
  if (field.noun) return field.noun;
  if (!field.label) return `“${key}”`;
  const words = field.label.split(' ');
  if (words.length > 1 && words.at(-1)!.length <= 2) words.pop();
  const text = words.join(' ');
  return /^(Your|The) /.test(text) ? text : `The ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** A number as a field shows it: up to 12 significant digits, in a form the parser reads back. */
const plain = (value: number): string => String(Number(value.toPrecision(12)));

/** The hint under a control: the field's own, or one derived from its bounds. */
export function hintOf(field: Field): string {
  if (field.hint !== undefined) return field.hint;
  switch (field.kind) {
    case 'number':
      return `${formatNumber(field.min, 6)} to ${formatNumber(field.max, 6)}${field.slider?.log10 ? '; the slider is logarithmic' : ''}`;
    case 'numbers':
      return field.minLength === field.maxLength
        ? `${plural(field.minLength, 'number')}, ${formatNumber(field.min)} to ${formatNumber(field.max)}, separated by commas`
        : `${field.minLength} to ${field.maxLength} numbers, ${formatNumber(field.min)} to ${formatNumber(field.max)}, separated by commas`;
    case 'matrix':
      return `up to ${field.maxRows}×${field.maxCols}, one row per line`;
    default:
      return '';
  }
}

/** The text a field's control shows for a value: the same on the server and in the browser. */
export function textOf(field: Field, value: unknown): string {
  switch (field.kind) {
    case 'number':
      return plain(value as number);
    case 'numbers':
      return (value as number[]).map(plain).join(', ');
    case 'matrix': {
      const m = value as Matrix;
      return matrixToText(m.values, m.cols);
    }
    case 'names':
      return (value as string[]).join(', ');
    default:
      return String(value);
  }
}

/** Parses what a reader typed or chose into a field's value, with a message naming the field if it is not valid. */
export function parseField(field: Field, key: string, text: string): Parsed<unknown> {
  const parsed = parseByKind(field, key, text);
  const broken = parsed.ok && field.check ? (field.check as (value: unknown) => string | null)(parsed.value) : null;
  return broken ? { ok: false, message: broken } : parsed;
}

function parseByKind(field: Field, key: string, text: string): Parsed<unknown> {
  const label = nounOf(field, key);
  switch (field.kind) {
    case 'number':
      return parseBoundedNumber(text, { ...field, label });
    case 'numbers':
      return parseNumberList(text, { ...field, label });
    case 'choice': {
      const option = field.options.find((o) => String(o.value) === text);
      return option ? { ok: true, value: option.value } : { ok: false, message: `${label} must be one of ${field.options.map((o) => o.value).join(', ')}.` };
    }
    case 'set': {
      const chosen = text === '' ? [] : text.split(',');
      const values = field.options.filter((o) => chosen.includes(String(o.value))).map((o) => o.value);
      return values.length === new Set(chosen).size && values.length === chosen.length
        ? { ok: true, value: values }
        : { ok: false, message: `${label} must list some of ${field.options.map((o) => o.value).join(', ')}.` };
    }
    case 'flag':
      return text === '1' || text === '0' ? { ok: true, value: text === '1' } : { ok: false, message: `${label} must be 1 or 0.` };
    case 'matrix': {
      const parsed = parseMatrix(text, { ...field, label });
      if (!parsed.ok) return parsed;
      const shape = `${parsed.value.rows}×${parsed.value.cols}`;
      if (field.shapes && !field.shapes.includes(shape)) return { ok: false, message: `${label} is ${shape}; make it ${field.shapes.join(' or ')}.` };
      return parsed;
    }
    case 'text':
      return text.length <= field.maxChars ? { ok: true, value: text } : { ok: false, message: `${label} is ${text.length} characters long; at most ${field.maxChars}.` };
    case 'names': {
      const names = text.split(',').map((name) => name.trim());
      if (names.length < field.minLength || names.length > field.maxLength) {
        return { ok: false, message: `${label} must be ${field.minLength} to ${field.maxLength} names.` };
      }
      const long = names.findIndex((name) => name.length > field.maxChars);
      return long >= 0 ? { ok: false, message: `Name ${long + 1} is longer than ${field.maxChars} characters.` } : { ok: true, value: names };
    }
  }
}

/** Two values of a field are the same (so a control showing one need not be rewritten for the other). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Options for a choice among numbers, each shown as itself unless `text` says otherwise. */
export const numberOptions = <const V extends number>(values: readonly V[], text: (value: V) => string = String) =>
  values.map((value) => ({ value, text: text(value) }));
