import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { displayMathHeightEm } from '../../src/markdown/display-math-height';

/** A `.katex-html` element with one `.base` per strut style; `glyphClass` marks the font of its text. */
function katexHtml(strutStyles: string[], glyphClass = 'mord'): Element {
  const base = (style: string): Element => ({
    type: 'element',
    tagName: 'span',
    properties: { className: ['base'] },
    children: [
      { type: 'element', tagName: 'span', properties: { className: ['strut'], style }, children: [] },
      { type: 'element', tagName: 'span', properties: { className: [glyphClass] }, children: [{ type: 'text', value: 'x' }] },
    ],
  });
  return { type: 'element', tagName: 'span', properties: { className: ['katex-html'] }, children: strutStyles.map(base) };
}

describe('displayMathHeightEm', () => {
  it('adds the highest ascent and the deepest depth over all bases', () => {
    // A fraction (1.853 above, 1.414 below) next to a tall but shallow base (2.1 above, 0.2 below).
    const html = katexHtml(['height:3.267em;vertical-align:-1.414em', 'height:2.3em;vertical-align:-0.2em']);
    expect(displayMathHeightEm(html)).toBeCloseTo(2.1 + 1.414, 6);
  });

  it('never goes below the line the text itself needs', () => {
    expect(displayMathHeightEm(katexHtml(['height:0.6444em']))).toBeCloseTo(1.2, 6);
    expect(displayMathHeightEm(katexHtml(['height:0.6444em'], 'mathnormal'))).toBeCloseTo(1.309, 6);
  });

  it('reads a strut without vertical-align as sitting on the baseline', () => {
    expect(displayMathHeightEm(katexHtml(['height:1.5em']))).toBeCloseTo(1.5 + 0.2845, 6);
  });
});
