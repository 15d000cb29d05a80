/**
 * A PostCSS plugin that keeps only the woff2 source of every @font-face (KaTeX lists woff2, woff and ttf): every
 * browser this site supports reads woff2, so the other two were never fetched, only shipped (40 files).
 */
import type { Plugin, Root } from 'postcss';

/** Splits a `src` list at its top-level commas (not those inside url(…) or format(…)). */
const sources = (value: string): string[] => value.split(/,(?![^(]*\))/).map((s) => s.trim());

// `Once`, not an AtRule visitor: Vite rewrites (and emits) every url() in a plugin of its own that runs after the
// user's plugins' Once hooks but before their visitors.
export const woff2Only: Plugin = {
  postcssPlugin: 'nn-notebook-woff2-only',
  Once(root: Root) {
    root.walkAtRules('font-face', (rule) => {
      rule.walkDecls('src', (declaration) => {
        const woff2 = sources(declaration.value).filter((source) => /format\(\s*["']?woff2["']?\s*\)/.test(source));
        if (woff2.length) declaration.value = woff2.join(',');
      });
    });
  },
};
