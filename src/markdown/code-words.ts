import type { Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

/** The class of an inline code that is one short word, kept on one line (base.css). */
export const CODE_WORD_CLASS = 'code-word';

/** The longest word kept whole: at 360 px a line holds about 38 characters of inline code. */
const LONGEST_WORD = 24;

/**
 * rehype plugin: marks inline code that is one word of at most 24 characters (no space in it) with CODE_WORD_CLASS,
 * so that it is never broken across lines. A browser may break after a hyphen or a slash, and on a phone the
 * training command's options came out as "--" at the end of one line and "optimizer" on the next. Longer code still
 * breaks (`torch.use_deterministic_algorithms(True)` is wider than a phone's line).
 */
export function rehypeCodeWords() {
  return (tree: Root): void => {
    visit(tree, 'element', (node, _index, parent) => {
      if (node.tagName !== 'code' || (parent?.type === 'element' && parent.tagName === 'pre')) return;
      const text = toText(node);
      if (text.length === 0 || text.length > LONGEST_WORD || /\s/.test(text)) return;
      const current = node.properties['className'];
      node.properties['className'] = [...(Array.isArray(current) ? current.map(String) : []), CODE_WORD_CLASS];
    });
  };
}
