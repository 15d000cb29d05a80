/**
 * Publishes the hidden preludes of "Run this" cells (src/lib/cell-prelude.ts) as files beside the pages, so a page
 * carries only their address: each page's cells name the listing (data-prelude-of) and the file (data-prelude-url).
 */
import type { AstroIntegration } from 'astro';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as compute from '../compute/index.ts';
import { cellPrelude } from '../lib/cell-prelude.ts';
import { filesUnder } from './build-output.ts';

export function cellPreludes(options: { base: string }): AstroIntegration {
  return {
    name: 'nn-notebook:cell-preludes',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const wanted = new Map<string, string>();
        for (const file of await filesUnder(outDir, '.html')) {
          const html = await readFile(file, 'utf8');
          for (const [, url, of] of html.matchAll(/data-prelude-url="([^"]+)" data-prelude-of="([^"]+)"/g)) wanted.set(url!, of!);
        }
        const names = Object.keys(compute);
        for (const [url, of] of wanted) {
          const [source, name] = of.split('#') as [string, string];
          const target = path.join(outDir, url.slice(options.base.length));
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, cellPrelude(source, name, names));
        }
        logger.info(`wrote ${wanted.size} cell preludes`);
      },
    },
  };
}
