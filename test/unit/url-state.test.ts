import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../components/lib/url-state';
import { choiceField, flagField, matrixField, namesField, numberField, numbersField, setField } from '../../components/lib/fields';

const fields = {
  t: numberField({ min: 0.05, max: 20, default: 1 }),
  logits: numbersField({ min: -50, max: 50, minLength: 2, maxLength: 8, default: [1, 2] }),
  mode: choiceField({ options: [{ value: 'bars', text: 'Bars' }, { value: 'table', text: 'Table' }], default: 'bars' }),
  k: choiceField({ options: [{ value: 1, text: 'one' }, { value: 30, text: 'thirty' }], default: 1 }),
  naive: flagField({ default: false }),
  on: setField({ options: [{ value: 0, text: 'a' }, { value: 1, text: 'b' }, { value: 2, text: 'c' }], default: [0] }),
  kernel: matrixField({ maxRows: 3, maxCols: 3, min: -9, max: 9, default: { rows: 1, cols: 1, values: [1] } }),
  names: namesField({ maxChars: 5, minLength: 1, maxLength: 3, default: ['a'] }),
};

describe('decodeState', () => {
  it('reads only its own namespaced keys', () => {
    const { values, errors } = decodeState('?w.t=0.5&w.logits=1,2,3&w.mode=table&w.k=30&w.naive=1&w.on=0,2&w.kernel=2x2:1,2,3,4&w.names=x%252Cy,z&other.t=3', 'w', fields);
    expect(values).toEqual({ t: 0.5, logits: [1, 2, 3], mode: 'table', k: 30, naive: true, on: [0, 2], kernel: { rows: 2, cols: 2, values: [1, 2, 3, 4] }, names: ['x,y', 'z'] });
    expect(errors).toEqual([]);
  });

  it('drops invalid values with a message each, keeping the valid ones', () => {
    const { values, errors } = decodeState('?w.t=999&w.logits=1,NaN&w.mode=<b>x</b>&w.k=7&w.naive=yes&w.on=0,5&w.kernel=2x2:1,2,3&w.names=toolong', 'w', fields);
    expect(values).toEqual({});
    expect(errors).toHaveLength(8);
    // Messages never echo the rejected text, so nothing crafted reaches the page.
    for (const message of errors) expect(message).not.toContain('<b>');
    expect(errors.join(' ')).toMatch(/“k” was ignored: it must be one of 1, 30\./);
  });

  it('never throws on hostile or malformed query strings', () => {
    const hostile = [
      '?w.t=%E0%A4%A', // broken percent-encoding
      '?w.t=' + '9'.repeat(10_000),
      '?w.logits=' + '1,'.repeat(5000),
      '?w.names=%25E0%25A4%25A',
      '?w.kernel=99x99:1',
      '?w.__proto__=1&w.constructor=2',
      '?w.t=1&w.t=2',
      '?w.mode=toString',
      '&&&==',
    ];
    for (const search of hostile) {
      expect(() => decodeState(search, 'w', fields)).not.toThrow();
      const { values } = decodeState(search, 'w', fields);
      for (const value of Object.values(values)) expect(['number', 'boolean', 'object', 'string']).toContain(typeof value);
    }
    expect(decodeState('?w.mode=toString', 'w', fields).values).toEqual({});
  });
});

describe('encodeState', () => {
  it('round-trips through decodeState and keeps other keys', () => {
    const state = { t: 0.1 + 0.2, logits: [-1.5, 0, 3], mode: 'bars' as const, k: 30 as const, naive: false, on: [], kernel: { rows: 1, cols: 2, values: [-9, 9] }, names: ['é,🙂', 'a b'] };
    const search = encodeState('?keep=1&w.t=9', 'w', fields, state);
    expect(search).toContain('keep=1');
    expect(search).toContain('w.logits=-1.5,0,3');
    expect(decodeState(search, 'w', fields)).toEqual({ values: state, errors: [] });
  });
});
