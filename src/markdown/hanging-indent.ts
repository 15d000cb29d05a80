import type { Element } from 'hast';
import { toText } from 'hast-util-to-text';
import { addClass, CLASSED_INDENTS, indentClass } from './token-classes';

/**
 * Shiki transformer: each line of a listing carries its indentation as `--indent` (in ch), so that where the
 * stylesheet lets long lines wrap (content.css, wide screens), a wrapped line continues a little to the right of the
 * line's own start instead of at the left margin. As a class (`i-4`, rules from ./token-classes.ts) rather than an
 * inline style, like the tokens' colours; only a line indented deeper than CLASSED_INDENTS keeps a style.
 */
export const hangingIndent = {
  name: 'hanging-indent',
  line(node: Element): void {
    // 'pre': the leading spaces are what is measured, so they must not be collapsed.
    const indent = /^ */.exec(toText(node, { whitespace: 'pre' }))![0].length;
    if (indent > CLASSED_INDENTS) node.properties['style'] = `--indent:${indent}ch`;
    else if (indent > 0) addClass(node, indentClass(indent));
  },
};
