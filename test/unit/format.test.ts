import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../components/lib/format';

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
