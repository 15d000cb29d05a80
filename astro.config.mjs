// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { rehypeKatexStrict } from './src/markdown/rehype-katex-strict.ts';
import { headingAnchor } from './src/markdown/heading-anchor.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { digitsAsset } from './src/integrations/digits.ts';

/** Base path for hosting under a sub-path, e.g. BASE_PATH=/nn/ for https://host/nn/. */
const base = process.env.BASE_PATH || '/';
/** Absolute site URL, used for the sitemap, canonical and Open Graph URLs. */
const site = process.env.SITE || 'http://localhost:4321';

export default defineConfig({
  site,
  base,
  outDir: process.env.OUT_DIR || './dist',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // No prefetch, no view transitions: every page is plain HTML that works without JS.
  integrations: [digitsAsset(), mdx(), sitemap(), pagefindIndex()],
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      rehypeKatexStrict,
      rehypeHeadingIds,
      [rehypeAutolinkHeadings, headingAnchor],
    ],
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: false,
    },
  },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
