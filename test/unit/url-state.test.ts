import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, type StateSchema } from '../../components/lib/url-state';

const schema = {
  t: { kind: 'number', min: 0.05, max: 20 },
  logits: { kind: 'numbers', min: -50, max: 50, minLength: 2, maxLength: 8 },
  mode: { kind: 'choice', options: ['bars', 'table'] },
  naive: { kind: 'flag' },
} as const satisfies StateSchema;

describe('decodeState', () => {
  it('reads only its own namespaced keys', () => {
    const { values, errors } = decodeState('?w.t=0.5&w.logits=1,2,3&w.mode=table&w.naive=1&other.t=3', 'w', schema);
    expect(values).toEqual({ t: 0.5, logits: [1, 2, 3], mode: 'table', naive: true });
    expect(errors).toEqual([]);
  });

  it('drops invalid values with a message each, keeping the valid ones', () => {
    const { values, errors } = decodeState('?w.t=999&w.logits=1,NaN&w.mode=<b>x</b>&w.naive=yes', 'w', schema);
    expect(values).toEqual({});
    expect(errors).toHaveLength(4);
    // Messages never echo the rejected text, so nothing crafted reaches the page.
    for (const message of errors) expect(message).not.toContain('<b>');
  });

  it('never throws on hostile or malformed query strings', () => {
    const hostile = [
      '?w.t=%E0%A4%A', // broken percent-encoding
      '?w.t=' + '9'.repeat(10_000),
      '?w.logits=' + '1,'.repeat(5000),
      '?w.__proto__=1&w.constructor=2',
      '?w.t=1&w.t=2',
      '?w.mode=toString',
      '&&&==',
    ];
    for (const search of hostile) {
      expect(() => decodeState(search, 'w', schema)).not.toThrow();
      const { values } = decodeState(search, 'w', schema);
      for (const value of Object.values(values)) {
        expect(['number', 'boolean', 'object', 'string']).toContain(typeof value);
      }
    }
    expect(decodeState('?w.mode=toString', 'w', schema).values).toEqual({});
  });
});

describe('encodeState', () => {
  it('round-trips through decodeState and keeps other keys', () => {
    const state = { t: 2, logits: [-1.5, 0, 3], mode: 'bars' as const, naive: false };
    const search = encodeState('?keep=1&w.t=9', 'w', state);
    expect(search).toContain('keep=1');
    expect(search).toContain('w.logits=-1.5,0,3');
    expect(decodeState(search, 'w', schema)).toEqual({ values: state, errors: [] });
  });
});
