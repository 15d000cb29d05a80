import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { hangingIndent } from '../../src/markdown/hanging-indent';

/** A highlighted line as Shiki builds it: token spans holding the text. */
const line = (...tokens: string[]): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: ['line'] },
  children: tokens.map((value) => ({ type: 'element', tagName: 'span', properties: {}, children: [{ type: 'text', value }] })),
});

describe('hangingIndent', () => {
  it("writes a line's leading spaces, across its first tokens, as --indent in ch", () => {
    const indented = line('    ', '  const', ' x = 1;');
    hangingIndent.line(indented);
    expect(indented.properties['style']).toBe('--indent:6ch');
  });

  it('leaves a line that starts at the margin, or is empty, without a style', () => {
    for (const unindented of [line('export', ' function f() {'), line()]) {
      hangingIndent.line(unindented);
      expect(unindented.properties['style']).toBeUndefined();
    }
  });
});
