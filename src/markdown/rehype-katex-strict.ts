import rehypeKatex, { type Options } from 'rehype-katex';
import type { Element, Root } from 'hast';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { displayMathHeightEm, hasClass } from './display-math-height';

/** KaTeX options shared by every page: MathML is kept for screen readers next to the visual HTML. */
export const katexOptions: Options = { output: 'htmlAndMathml', strict: 'error' };

/**
 * rehype-katex, except that a formula KaTeX cannot render fails the build.
 *
 * rehype-katex only records a warning on the file and prints the TeX in red, which is easy to miss in a build log
 * and ships a broken page. This wrapper runs it, then turns its messages into one error that names the file, the
 * line and column of each bad formula, and KaTeX's reason.
 */
export function rehypeKatexStrict(options?: Options) {
  const render = rehypeKatex({ ...katexOptions, ...options });
  return (tree: Root, file: VFile): void => {
    const seen = file.messages.length;
    // rehype-katex's transformer is synchronous; its declared type is unified's general one.
    (render as (tree: Root, file: VFile) => void)(tree, file);
    const failures = file.messages.slice(seen).filter((message) => message.source === 'rehype-katex');
    if (failures.length === 0) {
      prepareDisplayMath(tree);
      return;
    }
    const where = file.path || '<unknown file>';
    const lines = failures.map((message) => {
      const reason = message.cause instanceof Error ? message.cause.message : message.reason;
      // Display math loses its position on the way through remark-rehype; its enclosing element keeps it.
      const place = [...(message.ancestors ?? [])].reverse().find((node) => node.position)?.position?.start;
      const line = message.line ?? place?.line ?? '?';
      const column = message.column ?? place?.column ?? '?';
      return `${where}:${line}:${column}: ${reason}`;
    });
    throw new Error(`KaTeX could not render ${failures.length} formula(s):\n${lines.join('\n')}`);
  };
}

/**
 * Wide display math scrolls horizontally inside its block (see content.css); a tab stop lets keyboard users scroll
 * it too, and gives the block the MathML's accessible name. Each block also carries its height (`--math-height`),
 * which the stylesheet reserves while the block is skipped by `content-visibility: auto`.
 */
function prepareDisplayMath(tree: Root): void {
  visit(tree, 'element', (element: Element) => {
    if (!hasClass(element, 'katex-display')) return;
    element.properties['tabIndex'] = 0;
    let katexHtml: Element | undefined;
    visit(element, 'element', (inner: Element) => {
      if (!hasClass(inner, 'katex-html')) return;
      katexHtml = inner;
      return EXIT;
    });
    if (katexHtml) element.properties['style'] = `--math-height:${displayMathHeightEm(katexHtml).toFixed(3)}em`;
    return SKIP; // nothing inside a formula is another formula
  });
}
