// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { rehypeKatexStrict } from './src/markdown/rehype-katex-strict.ts';
import { rehypeMathPunctuation } from './src/markdown/math-punctuation.ts';
import { rehypeCodeWords } from './src/markdown/code-words.ts';
import { rehypeHeadingSums } from './src/markdown/heading-sums.ts';
import { headingAnchor } from './src/markdown/heading-anchor.ts';
import { absoluteLinks } from './src/markdown/absolute-links.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { digitsAsset } from './src/integrations/digits.ts';
import { woff2Only } from './src/integrations/woff2-only.ts';
import { optionalFontDisplay } from './src/integrations/font-display.ts';
import { buildInternals } from './src/integrations/build-internals.ts';
import { cellPreludes } from './src/integrations/cell-preludes.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { afterFirstPaint } from './src/integrations/after-first-paint.ts';
import { CELL_WORKER_DIR, securityHeaders } from './src/integrations/security-headers.ts';
import { CODE_THEMES, tokenClasses } from './src/markdown/token-classes.ts';

/** Base path for hosting under a sub-path, e.g. BASE_PATH=/nn/ for https://host/nn/. */
const base = process.env.BASE_PATH || '/';
/**
 * Absolute site URL, used for the sitemap, canonical and Open Graph URLs. Without it the build leaves all three out
 * (it cannot know where the site will live) and says so; a deploy sets it, as the GitHub Pages workflow does.
 */
const site = process.env.SITE || undefined;
if (!site && process.argv.includes('build')) {
  console.warn('[nn-notebook] SITE is not set: building without canonical links, og:url/og:image and a sitemap. Set SITE=https://your.host to include them.');
}

export default defineConfig({
  ...(site ? { site } : {}),
  base,
  outDir: process.env.OUT_DIR || './dist',
  trailingSlash: 'ignore',
  // Every page's CSS is written into its head (two stylesheets in all: the chapters' and the other pages'), allowed by
  // its hash in the Content-Security-Policy (src/integrations/security-headers.ts). A fetch the first frame waited
  // for (a linked stylesheet, a preloaded font) held it: under Lighthouse, Chromium drew the chapters 1.2 or 2.2 s
  // after navigation in most runs; with the CSS inline and no preloads, in 2 of 40 (DEVELOPERS.md, "Lighthouse").
  build: { format: 'directory', inlineStylesheets: 'always' },
  // No prefetch, no view transitions: every page is plain HTML that works without JS.
  integrations: [digitsAsset(), mdx(), ...(site ? [sitemap()] : []), pagefindIndex(), cellPreludes({ base }), buildInternals(), afterFirstPaint({ base }), securityHeaders({ base }), serviceWorker({ base })],
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      rehypeKatexStrict,
      rehypeMathPunctuation,
      rehypeCodeWords,
      rehypeHeadingIds,
      rehypeHeadingSums,
      [rehypeAutolinkHeadings, headingAnchor],
      [absoluteLinks, { base }],
    ],
    shikiConfig: {
      themes: CODE_THEMES,
      defaultColor: false,
      transformers: [tokenClasses],
    },
  },
  vite: {
    build: { assetsInlineLimit: 0 },
    css: { postcss: { plugins: [woff2Only, optionalFontDisplay] } },
    // The code cells' worker is published apart, so that its own Content-Security-Policy (it evaluates the reader's
    // code) can be given to it alone: see src/integrations/security-headers.ts.
    worker: {
      rollupOptions: {
        output: { entryFileNames: (chunk) => (chunk.name === 'cell-worker' ? `${CELL_WORKER_DIR}/[name]-[hash].js` : '_astro/[name]-[hash].js') },
      },
    },
  },
});
