import type { Element, ElementContent } from 'hast';

/** The text of a highlighted line (Shiki's token spans), for measuring its indentation. */
function textOf(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node.children) : '')).join('');
}

/**
 * Shiki transformer: each line of a listing carries its indentation as `--indent` (in ch), so that where the
 * stylesheet lets long lines wrap (content.css, wide screens), a wrapped line continues a little to the right of the
 * line's own start instead of at the left margin.
 */
export const hangingIndent = {
  name: 'hanging-indent',
  line(node: Element): void {
    const indent = /^ */.exec(textOf(node.children))![0].length;
    if (indent > 0) node.properties['style'] = `--indent:${indent}ch`;
  },
};
