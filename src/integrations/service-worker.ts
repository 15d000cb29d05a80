/**
 * Writes `<outDir>/sw.js` once the build is complete: src/sw/service-worker.js with the build's file list (PRECACHE,
 * every file but the large data, which is cached on use), its version (a hash of every file's path and bytes, so any
 * change makes a new version) and the base path. Runs last, after the search index and the cell preludes exist.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTrailingSlash } from './build-output.ts';

/** Files cached when first used rather than on install: big, and needed only by the CNN lab. */
export const CACHED_ON_USE = /^data\//;

/** Every file of the build, relative to `outDir`, with `/` separators, sorted (sw.js itself left out). */
export async function siteFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    // _headers is read by the host, not served; .gz files are a test server's precompressed copies.
    .filter((file) => file !== 'sw.js' && file !== '_headers' && !file.endsWith('.gz'))
    .sort();
}

/** The service worker's source for a build: the template with VERSION, BASE and PRECACHE filled in. */
export async function serviceWorkerSource(outDir: string, base: string): Promise<{ source: string; version: string; precache: string[] }> {
  const files = await siteFiles(outDir);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(await readFile(path.join(outDir, file)));
  const version = hash.digest('hex').slice(0, 16);
  // Pages are cached under their directory URL (softmax/), which is how readers ask for them.
  const precache = files.filter((file) => !CACHED_ON_USE.test(file)).map((file) => file.replace(/(^|\/)index\.html$/, '$1'));
  const template = readFileSync(new URL('../sw/service-worker.js', import.meta.url), 'utf8');
  const header = `const VERSION = ${JSON.stringify(version)};\nconst BASE = ${JSON.stringify(base)};\nconst PRECACHE = ${JSON.stringify(precache)};\n`;
  return { source: header + template, version, precache };
}

export function serviceWorker(options: { base: string }): AstroIntegration {
  return {
    name: 'nn-notebook:service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { source, version, precache } = await serviceWorkerSource(outDir, withTrailingSlash(options.base));
        await writeFile(path.join(outDir, 'sw.js'), source);
        logger.info(`service worker ${version}: ${precache.length} files precached`);
      },
    },
  };
}
