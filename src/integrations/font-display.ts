/**
 * A PostCSS plugin that gives every web font face (KaTeX's: the only faces the site downloads) `font-display:
 * optional` in place of KaTeX's `block`. A page then lays its formulas out once: in KaTeX's fonts when the tab
 * already holds them (a page opened after another of the site in the same tab; Chrome does not wait for its disk
 * cache), otherwise in local faces sized like them (src/styles/katex-fallback.css) for that page's whole life, while
 * the fonts download for the next page. With `block` or `swap`, each of the five or so fonts a chapter uses laid the
 * page out again as it arrived, 50–180 ms of rendering each under Lighthouse's slowed CPU, which kept KL divergence,
 * softmax and backpropagation under 100 (DEVELOPERS.md, "Lighthouse").
 */
import type { Plugin, Root } from 'postcss';

/** `font-display: optional` on every @font-face with a url() source. */
export const optionalFontDisplay: Plugin = {
  postcssPlugin: 'nn-notebook-optional-font-display',
  Once(root: Root) {
    root.walkAtRules('font-face', (rule) => {
      let downloads = false;
      rule.walkDecls('src', (declaration) => {
        downloads ||= /url\(/.test(declaration.value);
      });
      if (!downloads) return;
      rule.walkDecls('font-display', (declaration) => {
        declaration.remove();
      });
      rule.append({ prop: 'font-display', value: 'optional' });
    });
  },
};
