/**
 * Every widget's spec, checked as a whole: defaults are valid values of their fields, hints and texts are defined,
 * the default state renders a snippet, and every field's largest and smallest valid values survive a link
 * (encode → decode → the same value, within the field's length limit).
 */
import { describe, expect, it } from 'vitest';
import { decodeField, encodeField, encodeState, decodeState, maxEncodedLength } from '../../components/lib/url-state';
import { parseField, textOf, hintOf, type Field } from '../../components/lib/fields';
import { applyChange, initialState, type WidgetSpec } from '../../components/lib/spec';

const modules = import.meta.glob<Record<string, unknown>>('../../components/**/*.spec.ts', { eager: true });
const specs = Object.entries(modules).flatMap(([path, exports]) =>
  Object.values(exports)
    .filter((value): value is WidgetSpec<Record<string, Field>> => typeof value === 'object' && value !== null && 'tag' in value && 'fields' in value)
    .map((spec) => ({ path, spec })),
);

/** A value with as many significant digits as a double can have, inside [min, max]. */
const longNumber = (min: number, max: number, integer?: boolean): number =>
  integer ? (Math.abs(min) > Math.abs(max) ? min : max) : min + (max - min) * 0.123456789012345;

/** The extreme values a reader can reach in a field: the longest and the shortest in a link. */
function extremes(field: Field): unknown[] {
  switch (field.kind) {
    case 'number':
      return [field.min, field.max, longNumber(field.min, field.max, field.integer)];
    case 'numbers': {
      if (field.check) {
        // A list with structure (e.g. whole layers): its default, repeated up to the longest list allowed.
        const whole = Math.floor(field.maxLength / field.default.length) * field.default.length;
        return [field.default, Array.from({ length: whole }, (_, i) => field.default[i % field.default.length]!)];
      }
      return [Array.from({ length: field.minLength }, () => field.min), Array.from({ length: field.maxLength }, () => longNumber(field.min, field.max, field.integer))];
    }
    case 'choice':
      return field.options.map((o) => o.value);
    case 'set':
      return [[], field.options.map((o) => o.value)];
    case 'flag':
      return [true, false];
    case 'matrix':
      return [
        { rows: 1, cols: 1, values: [field.max] },
        { rows: field.maxRows, cols: field.maxCols, values: Array.from({ length: field.maxRows * field.maxCols }, () => longNumber(field.min, field.max)) },
      ].filter((m) => !field.shapes || field.shapes.includes(`${m.rows}×${m.cols}`));
    case 'text':
      return [field.default, '', 'é,🙂 a%&=\n#<b>'.repeat(field.maxChars).slice(0, field.maxChars).replace(/[\uD800-\uDBFF]$/, '')].filter((t) => !field.check?.(t));
    case 'names':
      // Cut at a character, never inside a surrogate pair (the editor never makes half an emoji either).
      return [Array.from({ length: field.maxLength }, (_, i) => 'é,🙂 a%&='.repeat(4).slice(0, field.maxChars - (i % 2)).replace(/[\uD800-\uDBFF]$/, ''))];
  }
}

describe('widget specs', () => {
  it('finds one spec for every widget', () => {
    const frames = Object.values(import.meta.glob<string>('../../components/**/*.astro', { query: '?raw', import: 'default', eager: true })).filter((source) => source.includes('<WidgetFrame'));
    expect(specs.length).toBe(frames.length);
    expect(specs.length).toBeGreaterThanOrEqual(19);
    expect(new Set(specs.map(({ spec }) => spec.tag)).size).toBe(specs.length);
  });

  describe.each(specs.map(({ spec }) => [spec.tag, spec] as const))('%s', (_tag, spec) => {
    it('has valid defaults, texts and hints, and a snippet for its default state', () => {
      for (const [key, field] of Object.entries(spec.fields)) {
        const parsed = field.kind === 'names' ? { ok: true } : parseField(field, key, field.kind === 'flag' ? (field.default ? '1' : '0') : field.kind === 'set' ? (field.default as unknown[]).join(',') : textOf(field, field.default));
        expect(parsed, `${key}'s default`).toMatchObject({ ok: true });
        expect(hintOf(field)).not.toMatch(/undefined|NaN/);
        if (field.label !== undefined) expect(field.label.trim()).not.toBe('');
      }
      const state = initialState(spec);
      expect(spec.snippet(state)).toMatch(/import .* from '\.\/src\/compute';/);
    });

    it.each(Object.keys(spec.fields))('field %s: its extreme values survive a link, within its length limit', (key) => {
      const field = spec.fields[key]!;
      for (const value of extremes(field)) {
        const encoded = encodeField(field, value);
        expect(encoded.length, `${key} = ${encoded}`).toBeLessThanOrEqual(maxEncodedLength(field));
        expect(decodeField(field, key, encoded), `${key} = ${encoded}`).toEqual({ ok: true, value });
      }
    });

    it('a whole state survives the query string, beside other widgets', () => {
      const state = initialState(spec);
      const search = encodeState('?other.x=1', 'w', spec.fields, state);
      expect(decodeState(search, 'w', spec.fields)).toEqual({ values: state, errors: [] });
    });

    it('normalize is idempotent and effects keep every field valid', () => {
      const state = initialState(spec);
      expect(initialState(spec, state)).toEqual(state);
      for (const key of Object.keys(spec.effects ?? {})) {
        for (const value of extremes(spec.fields[key]!)) {
          const next = applyChange(spec, state, { [key]: value } as Partial<typeof state>);
          for (const [name, field] of Object.entries(spec.fields)) {
            expect(decodeField(field, name, encodeField(field, next[name])), `${key} → ${name}`).toMatchObject({ ok: true });
          }
        }
      }
    });
  });
});
