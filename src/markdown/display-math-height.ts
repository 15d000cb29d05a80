import type { Element, ElementContent } from 'hast';

/**
 * Height of a KaTeX display formula's line, in ems of its `.katex` font size, read from the struts KaTeX writes.
 *
 * Every `.base` of `.katex-html` opens with a `.strut` whose inline style gives the base's total height and its depth
 * below the baseline (`height:3.266em;vertical-align:-1.414em`). The line box reaches from the highest point above
 * the baseline to the lowest below it, and never less than the text itself needs at KaTeX's line-height of 1.2:
 * 1.2 em with the main font alone, 1.309 em once an italic variable (KaTeX_Math, whose half-leading sits lower)
 * is on the line. Those two figures were measured in Chromium; a browser test checks every formula on the site.
 * The stylesheet reserves this height while a formula is skipped by `content-visibility: auto`, so laying it out
 * later moves nothing on screen.
 */
export function displayMathHeightEm(katexHtml: Element): number {
  let ascent = MAIN_TEXT.ascent;
  let depth = MAIN_TEXT.depth;
  if (containsClass(katexHtml, 'mathnormal')) depth = WITH_MATH_ITALIC_DEPTH;
  for (const base of childElements(katexHtml)) {
    const strut = childElements(base).find((child) => hasClass(child, 'strut'));
    const style = String(strut?.properties['style'] ?? '');
    const height = emValue(style, 'height');
    const drop = -emValue(style, 'vertical-align');
    ascent = Math.max(ascent, height - drop);
    depth = Math.max(depth, drop);
  }
  return ascent + depth;
}

/** A line of KaTeX_Main text at line-height 1.2: its ascent (0.903 em plus half of the 0.025 em leading) and depth. */
const MAIN_TEXT = { ascent: 0.9155, depth: 0.2845 };
/** The depth of a line that also holds KaTeX_Math text (total 1.309 em, measured). */
const WITH_MATH_ITALIC_DEPTH = 1.309 - MAIN_TEXT.ascent;

function childElements(element: Element): Element[] {
  return element.children.filter((child: ElementContent): child is Element => child.type === 'element');
}

/** Whether a hast element has the class `name`. */
export function hasClass(element: Element, name: string): boolean {
  const classes = element.properties['className'];
  return Array.isArray(classes) && classes.includes(name);
}

function containsClass(element: Element, name: string): boolean {
  return hasClass(element, name) || childElements(element).some((child) => containsClass(child, name));
}

function emValue(style: string, property: string): number {
  const match = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*(-?[\\d.]+)em`).exec(style);
  return match ? Number(match[1]) : 0;
}
