/**
 * Moves every page's module scripts behind its first paint. Astro writes one `<script type="module" src>` per
 * component script; the browser fetches them (and, at high priority, every module they import) while it is still
 * fetching the stylesheets and the math fonts that the first paint needs. The pages are complete HTML without any
 * script, so this integration replaces those tags with one low-priority loader (load-after-paint.js) that lists
 * them in `data-load` and imports them once the page has been painted. Runs before the security headers and the
 * service worker, which then see the final pages and the loader.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, withTrailingSlash } from './build-output.ts';

/** The tags Astro writes for a component's script (nothing else of the site uses this exact form). */
const MODULE_SCRIPT = /<script type="module" src="([^"]+)"><\/script>/g;

/** The page with its module scripts replaced by one loader tag (at the last one's place); unchanged if it has none. */
export function deferModuleScripts(html: string, loaderUrl: string): { html: string; modules: string[] } {
  const modules = [...html.matchAll(MODULE_SCRIPT)].map((match) => match[1]!);
  if (modules.length === 0) return { html, modules };
  let seen = 0;
  const loader = `<script type="module" src="${loaderUrl}" data-load="${modules.join(' ')}" fetchpriority="low"></script>`;
  return { html: html.replace(MODULE_SCRIPT, () => (++seen === modules.length ? loader : '')), modules };
}

export function afterFirstPaint(options: { base: string }): AstroIntegration {
  return {
    name: 'nn-notebook:after-first-paint',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const source = readFileSync(new URL('./load-after-paint.js', import.meta.url), 'utf8');
        const name = `_astro/load-after-paint.${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
        await writeFile(path.join(outDir, name), source);
        const base = withTrailingSlash(options.base);
        let pages = 0;
        for (const file of await filesUnder(outDir, '.html')) {
          const { html, modules } = deferModuleScripts(await readFile(file, 'utf8'), `${base}${name}`);
          if (modules.length === 0) continue;
          await writeFile(file, html);
          pages++;
        }
        logger.info(`${pages} pages load their scripts after first paint (${name})`);
      },
    },
  };
}
