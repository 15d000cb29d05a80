import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** An operator between two short operands with a space on each side ("s − y", "a + b"): no line may break there. */
const SHORT_SUM = /(^|[\s(:])([^\s()]{1,3}) ([−+=×·]) ([^\s()]{1,3})(?=$|[\s),.;:])/g;

/**
 * The text with the spaces around each short sum's operator made non-breaking: in the table of contents at 1280 px,
 * "The top of the network: s − y" had put "− y" on a line of its own.
 */
export const keepShortSumsTogether = (text: string): string => text.replace(SHORT_SUM, '$1$2\u00a0$3\u00a0$4');

/**
 * rehype plugin, after heading ids are given (the slugs keep their plain spaces, so links to a section stay as they
 * were): keeps the short sums in h2–h4 headings on one line, as the table of contents does (src/shell/Toc.astro).
 */
export function rehypeHeadingSums() {
  return (tree: Root): void => {
    visit(tree, 'element', (heading) => {
      if (!['h2', 'h3', 'h4'].includes(heading.tagName)) return;
      visit(heading, 'text', (text) => {
        text.value = keepShortSumsTogether(text.value);
      });
    });
  };
}
