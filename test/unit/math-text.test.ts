import { describe, expect, it } from 'vitest';
import { mathTextPieces } from '../../components/lib/math-text';

const unbroken = (text: string) => mathTextPieces(text).filter((piece) => piece.unbroken).map((piece) => piece.text);

describe('mathTextPieces', () => {
  it('keeps each derivative whole, with its index', () => {
    expect(unbroken('∂L/∂w[0, 0] = Σ over outputs (y, x) of ∂L/∂out[y, x] · in[2y − 1 + 0, 2x − 1 + 1]')).toEqual([
      '∂L/∂w[0, 0]',
      '(y, x)',
      '∂L/∂out[y, x]',
      'in[2y − 1 + 0, 2x − 1 + 1]',
    ]);
    expect(unbroken('∂L/∂z₁ = ∂L/∂L × ∂L/∂z₁ = 1 × 1.5; by central differences 1.5.')).toEqual(['∂L/∂z₁', '∂L/∂L', '∂L/∂z₁']);
  });

  it('leaves long brackets and plain words to break as they may', () => {
    expect(unbroken('= 0: no output window covers it (it only meets padding or falls between strides).')).toEqual([]);
    expect(unbroken('Forward pass: L = 3.7244 nats.')).toEqual([]);
  });

  it('gives the text back when joined', () => {
    for (const text of ['', 'a', '(a)', '∂L/∂L = 1: the backward pass starts at the output.', '= 1·1 + (−1)·2 + 0.5·0 + 2·1 = 1']) {
      expect(mathTextPieces(text).map((piece) => piece.text).join('')).toBe(text);
    }
  });
});
