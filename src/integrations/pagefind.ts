import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import * as pagefind from 'pagefind';

/**
 * Selectors kept out of the search index. KaTeX renders each formula twice (visual HTML and MathML); indexing both
 * would show garbled duplicates in excerpts, so only the MathML's readable text stays, minus its TeX annotation.
 * Widgets' live numbers, the shell's navigation, the headings' "Link to section" anchors and the footer are
 * not content either.
 */
export const searchExcludeSelectors = ['.katex-html', 'annotation', '[data-widget]', 'nav', '.code-source', '.heading-anchor', 'footer'];

/** Builds the Pagefind index into `<outDir>/pagefind/` once Astro has written the site. */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'nn-notebook:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: searchExcludeSelectors });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
        await pagefind.close();
        // The site renders results itself (src/scripts/search-ui.ts): Pagefind's prebuilt UIs are never loaded.
        const unused = (await readdir(path.join(outDir, 'pagefind'))).filter((name) => /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(name));
        await Promise.all(unused.map((name) => rm(path.join(outDir, 'pagefind', name))));
        logger.info(`indexed ${added.page_count} pages for search (left out ${unused.length} unused UI files)`);
      },
    },
  };
}
