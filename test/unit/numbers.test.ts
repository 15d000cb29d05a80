import { describe, expect, it } from 'vitest';
import { parseBoundedNumber, parseNumberList } from '../../components/lib/numbers';

const bounds = { min: -10, max: 10, label: 'The stride' };

describe('parseBoundedNumber', () => {
  it.each([
    ['3', 3],
    [' -2.5 ', -2.5],
    ['+4', 4],
    ['.5', 0.5],
    ['1e1', 10],
    ['−3', -3], // U+2212 minus sign
    ['0,25', 0.25], // decimal comma
  ])('reads %j as %d', (text, value) => {
    expect(parseBoundedNumber(text, bounds)).toEqual({ ok: true, value });
  });

  it.each([
    ['', /empty/],
    ['abc', /must be a number/],
    ['NaN', /must be a number/],
    ['Infinity', /must be a number/],
    ['0x10', /must be a number/],
    ['1e999', /too large/],
    ['11', /between -10 and 10/],
    ['-10.5', /between -10 and 10/],
    ['<img src=x onerror=alert(1)>', /must be a number/],
  ])('rejects %j with a message', (text, message) => {
    const parsed = parseBoundedNumber(text, bounds);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(message);
      expect(parsed.message.startsWith('The stride')).toBe(true);
    }
  });

  it('enforces whole numbers when asked', () => {
    expect(parseBoundedNumber('2.5', { ...bounds, integer: true })).toMatchObject({ ok: false });
    expect(parseBoundedNumber('2', { ...bounds, integer: true })).toEqual({ ok: true, value: 2 });
  });
});

describe('parseNumberList', () => {
  const list = { min: 0, max: 1, minLength: 2, maxLength: 4, label: 'The probabilities' };
  it('reads comma- and space-separated lists', () => {
    expect(parseNumberList('0.5, 0.25 0.25', list)).toEqual({ ok: true, value: [0.5, 0.25, 0.25] });
  });
  it('rejects wrong lengths and bad entries, saying which entry', () => {
    expect(parseNumberList('0.5', list)).toMatchObject({ ok: false });
    expect(parseNumberList('1,1,1,1,1', list)).toMatchObject({ ok: false });
    const bad = parseNumberList('0.5, x', list);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/Entry 2/);
  });
});
