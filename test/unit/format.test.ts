import { describe, expect, it } from 'vitest';
import { formatNumber, formatPowerOfTen, formatRange, formatWhole } from '../../components/lib/format';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [0.5, '0.5'],
    [-0.25, '−0.25'],
    [1 / 3, '0.3333'],
    [123456, '123500'],
    [2.5e-7, '2.5×10⁻⁷'],
    [6.02e23, '6.02×10²³'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
    [NaN, '—'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('formatWhole', () => {
  it('groups thousands with commas and rounds, like toLocaleString("en-US")', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567, 2 ** 40, 44426.6]) expect(formatWhole(n)).toBe(Math.round(n).toLocaleString('en-US'));
  });

  it('writes a real minus sign, and never NaN', () => {
    expect(formatWhole(-1234)).toBe('−1,234');
    expect(formatWhole(-0.2)).toBe('0');
    expect(formatWhole(Infinity)).toBe('∞');
    expect(formatWhole(Number.NaN)).toBe('—');
    expect(formatWhole(1e22)).toBe('1×10²²');
  });
});

describe('formatPowerOfTen', () => {
  it('labels a whole power of ten as 1, 10 or 10 with a superscript exponent', () => {
    expect([-12, -3, -1, 0, 1, 2, 15].map(formatPowerOfTen)).toEqual(['10⁻¹²', '10⁻³', '10⁻¹', '1', '10', '10²', '10¹⁵']);
  });
});

describe('formatRange', () => {
  it('writes both ends with real minus signs and thousands separators, joined so no line breaks inside', () => {
    expect(formatRange(-64, 130)).toBe('−64…\u2060130');
    expect(formatRange(0, 1234)).toBe('0…\u20601,234');
    expect(formatRange(-1.5, 2, formatNumber)).toBe('−1.5…\u20602');
  });
});
