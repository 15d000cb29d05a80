import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { hasClass } from './display-math-height';

/** Punctuation that belongs to the end of the word (or formula) before it and must not start a line. */
const TRAILING_PUNCTUATION = /^[.,;:!?)\]’”…]/;

/** Punctuation that opens what follows it and must not end a line. */
const OPENING_PUNCTUATION = /[(\[‘“]$/;

/** The class of the span around a formula's last box, which keeps the punctuation after it on its line (content.css). */
export const MATH_END_CLASS = 'math-end';

/** The class of the nowrap span around an opening bracket and the formula after it (content.css). */
export const MATH_OPEN_CLASS = 'math-open';

/**
 * rehype plugin, after KaTeX: for each inline formula followed by punctuation, wraps the formula's last box in a
 * `white-space: nowrap` span, so that no line starts with the full stop or comma after a formula; and for each
 * formula after an opening bracket, wraps the bracket and the formula in a nowrap span (the formula itself set back
 * to normal), so that no line ends with "(" and the next starts with the formula: in every chapter Chrome broke
 * there at some width (measured), before the formula's first box, though the text's rules allow no break after "(".
 *
 * KaTeX draws a formula as a row of inline blocks (one per stretch between the places it may break), and a browser
 * may break a line after any of them, also before the punctuation that follows. Chrome decides whether it may break
 * after an inline block by the white-space of the block's parent: a nowrap span around the last block forbids only
 * that break, and the formula can still break inside itself. (A nowrap span around the formula and its punctuation
 * does not: the last block's parent is still KaTeX's, and inheriting nowrap there keeps the whole formula unbroken.)
 */
export function rehypeMathPunctuation() {
  return (tree: Root): void => {
    // Any parent: an HTML element, or in MDX a component's children (an exercise's hint is text inside <Fragment>).
    visit(tree, (parent) => {
      if (!('children' in parent)) return undefined;
      // A bracket's span is made here: its formula has been seen already.
      if (parent.type === 'element' && ['katex-display', 'katex', MATH_OPEN_CLASS].some((name) => hasClass(parent, name))) return SKIP;
      const children = parent.children as ElementContent[];
      children.forEach((formula, i) => {
        const after = children[i + 1];
        if (formula.type === 'element' && hasClass(formula, 'katex') && after?.type === 'text' && TRAILING_PUNCTUATION.test(after.value)) holdLastBox(formula);
      });
      // Backwards, so that the indices still to visit stay put as a bracket and its formula become one span.
      for (let i = children.length - 1; i > 0; i--) {
        const [before, formula] = [children[i - 1]!, children[i]!];
        if (formula.type !== 'element' || !hasClass(formula, 'katex') || before.type !== 'text' || !OPENING_PUNCTUATION.test(before.value)) continue;
        const bracket = before.value.slice(-1);
        const opened: Element = { type: 'element', tagName: 'span', properties: { className: [MATH_OPEN_CLASS] }, children: [{ type: 'text', value: bracket }, formula] };
        before.value = before.value.slice(0, -1);
        children.splice(before.value ? i : i - 1, before.value ? 1 : 2, opened);
      }
      return undefined;
    });
  };
}

/** Wraps the last box (`.base`) of a formula's visible HTML in the nowrap span. */
function holdLastBox(formula: Element): void {
  const html = formula.children.find((child): child is Element => child.type === 'element' && hasClass(child, 'katex-html'));
  if (!html) return;
  for (let i = html.children.length - 1; i >= 0; i--) {
    const box = html.children[i]!;
    if (box.type !== 'element' || !hasClass(box, 'base')) continue;
    html.children[i] = { type: 'element', tagName: 'span', properties: { className: [MATH_END_CLASS] }, children: [box] };
    return;
  }
}
