import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { hangingIndent } from '../../src/markdown/hanging-indent';
import { CLASSED_INDENTS, codeColoursCss } from '../../src/markdown/token-classes';

/** A highlighted line as Shiki builds it: token spans holding the text. */
const line = (...tokens: string[]): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { class: 'line' },
  children: tokens.map((value) => ({ type: 'element', tagName: 'span', properties: {}, children: [{ type: 'text', value }] })),
});

describe('hangingIndent', () => {
  it("marks a line's leading spaces, across its first tokens, with the class that sets --indent to that many ch", () => {
    const indented = line('    ', '  const', ' x = 1;');
    hangingIndent.line(indented);
    expect(indented.properties['class']).toEqual(['line', 'i-6']);
    expect(indented.properties['style']).toBeUndefined();
    expect(codeColoursCss()).toContain('.astro-code .i-6{--indent:6ch}');
  });

  it('writes an indentation deeper than the classes go as an inline --indent', () => {
    const deep = line(' '.repeat(CLASSED_INDENTS + 2), 'x');
    hangingIndent.line(deep);
    expect(deep.properties['style']).toBe(`--indent:${CLASSED_INDENTS + 2}ch`);
    expect(deep.properties['class']).toBe('line');
  });

  it('leaves a line that starts at the margin, or is empty, without a style', () => {
    for (const unindented of [line('export', ' function f() {'), line()]) {
      hangingIndent.line(unindented);
      expect(unindented.properties['style']).toBeUndefined();
      expect(unindented.properties['class']).toBe('line');
    }
  });
});
