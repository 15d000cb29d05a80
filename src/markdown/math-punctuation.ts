import type { Element, ElementContent, Root, Text } from 'hast';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import { hasClass } from './display-math-height';

/** Punctuation that belongs to the end of the word (or formula) before it and must not start a line. */
const TRAILING_PUNCTUATION = /^[.,;:!?)\]’”…]+/;

/** The class of the span that keeps an inline formula and the punctuation after it on one line (content.css). */
export const MATH_PUNCTUATION_CLASS = 'math-punct';

/**
 * Formulas with more TeX than this keep their own line breaks and are left alone: kept whole, they could leave most
 * of a phone's line empty before them. (Shorter ones are at most about half a 360 px line.)
 */
export const LONGEST_UNBROKEN_TEX = 40;

/**
 * rehype plugin, after KaTeX: wraps each inline formula followed by punctuation, with that punctuation, in one span.
 *
 * A browser may break a line between a formula (KaTeX draws it as inline blocks) and the full stop after it, so a
 * phone showed lines starting with "." or ",". The span is `white-space: nowrap`, which keeps the formula whole too:
 * Chrome decides a break after an inline block by the block's own parent (KaTeX's), so neither a nowrap span around
 * only the boundary nor a word joiner before the stop prevents it. Hence only formulas of up to LONGEST_UNBROKEN_TEX
 * characters of TeX are wrapped, most of which (one KaTeX base) could not break inside anyway.
 */
export function rehypeMathPunctuation() {
  return (tree: Root): void => {
    visit(tree, 'element', (parent: Element) => {
      // Nothing inside a formula, and a wrapper made here already holds its formula and punctuation.
      if (hasClass(parent, 'katex-display') || hasClass(parent, 'katex') || hasClass(parent, MATH_PUNCTUATION_CLASS)) return SKIP;
      const children = parent.children;
      for (let i = 0; i < children.length - 1; i++) {
        const formula = children[i]!;
        const after = children[i + 1]!;
        if (formula.type !== 'element' || !hasClass(formula, 'katex') || after.type !== 'text') continue;
        const punctuation = TRAILING_PUNCTUATION.exec(after.value)?.[0];
        if (!punctuation || texOf(formula).length > LONGEST_UNBROKEN_TEX) continue;
        const kept: Text = { type: 'text', value: punctuation };
        const wrapper: ElementContent = { type: 'element', tagName: 'span', properties: { className: [MATH_PUNCTUATION_CLASS] }, children: [formula, kept] };
        const rest = after.value.slice(punctuation.length);
        children.splice(i, 2, wrapper, ...(rest ? [{ type: 'text', value: rest } as Text] : []));
      }
      return undefined;
    });
  };
}

/** A formula's TeX source, from the annotation KaTeX keeps in its MathML. */
function texOf(formula: Element): string {
  let tex = '';
  visit(formula, 'element', (node: Element) => {
    if (node.tagName !== 'annotation') return undefined;
    tex = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    return EXIT;
  });
  return tex;
}
