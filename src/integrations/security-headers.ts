/**
 * Writes `<outDir>/_headers` (the format Netlify and Cloudflare Pages read) with a strict Content-Security-Policy for
 * every page and asset, nosniff and a referrer policy. The only inline script (the theme, which must run before first
 * paint) and the pages' inline stylesheets (astro.config.mjs inlines them: linked, they held the first frame) are
 * allowed by their SHA-256, computed here from the built pages; nothing else inline but style attributes is allowed.
 * The code cells' worker, published on its own under cells/, gets a policy of its own that allows evaluating code
 * inside that worker and reaching nothing.
 * Hosts that read no such file: see the README ("Security headers").
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTrailingSlash } from './build-output.ts';

/** The policy of every page and every script but the cells' worker; `hashes`: the inline scripts' and stylesheets' sources. */
export const pagePolicy = (hashes: readonly string[], styleHashes: readonly string[] = []): string =>
  [
    "default-src 'self'",
    `script-src 'self' ${quoted(hashes)} 'wasm-unsafe-eval'`.replace(/\s+/g, ' '),
    `style-src 'self' ${quoted(styleHashes)}`.trim(),
    "style-src-attr 'unsafe-inline'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The cells' worker: it may evaluate the reader's code (new Function) and load its own modules, nothing else. */
export const CELL_WORKER_POLICY = "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'";
/** Where the cells' worker is published (vite.worker output, astro.config.mjs). */
export const CELL_WORKER_DIR = 'cells';

const COMMON = ['X-Content-Type-Options: nosniff', 'Referrer-Policy: strict-origin-when-cross-origin'];

const quoted = (sources: readonly string[]) => sources.map((source) => `'${source}'`).join(' ');

/** The sorted, distinct SHA-256 source expressions of the bodies `pattern`'s first group finds in the pages' HTML. */
function hashesOf(pages: readonly string[], pattern: RegExp): string[] {
  const hashes = new Set<string>();
  for (const html of pages) {
    for (const [, body] of html.matchAll(pattern)) hashes.add(`sha256-${createHash('sha256').update(body!).digest('base64')}`);
  }
  return [...hashes].sort();
}

/** The SHA-256 source expressions of every inline script in the pages' HTML. */
export function inlineScriptHashes(pages: readonly string[]): string[] {
  return hashesOf(pages, /<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g);
}

/** The SHA-256 source expressions of every inline stylesheet (`<style>` element) in the pages' HTML. */
export function inlineStyleHashes(pages: readonly string[]): string[] {
  return hashesOf(pages, /<style\b[^>]*>([\s\S]*?)<\/style>/g);
}

/** The `_headers` file: one block per path pattern (these hosts add up the headers of every block that matches). */
export function headersFile(base: string, directories: readonly string[], hashes: readonly string[], styleHashes: readonly string[] = []): string {
  const page = [`Content-Security-Policy: ${pagePolicy(hashes, styleHashes)}`, ...COMMON];
  const block = (pattern: string, headers: readonly string[]) => `${pattern}\n${headers.map((h) => `  ${h}`).join('\n')}\n`;
  const patterns = [base, `${base}:page`, `${base}:page/`, `${base}:page/index.html`, ...directories.filter((d) => d !== CELL_WORKER_DIR).map((d) => `${base}${d}/*`)];
  return [
    '# Written by src/integrations/security-headers.ts at build time. Pages, assets and workers: the strict policy.',
    ...patterns.map((pattern) => block(pattern, page)),
    '# The code cells\' worker alone may evaluate code (the reader\'s cells), and it may reach nothing.',
    block(`${base}${CELL_WORKER_DIR}/*`, [`Content-Security-Policy: ${CELL_WORKER_POLICY}`, ...COMMON]),
  ].join('\n');
}

export function securityHeaders(options: { base: string }): AstroIntegration {
  return {
    name: 'nn-notebook:security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const base = withTrailingSlash(options.base);
        const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
        const pages = await Promise.all(entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')));
        // Directories that hold assets rather than a page (a page's directory holds only its index.html).
        const directories = entries.filter((e) => e.isDirectory() && e.parentPath === outDir).map((e) => e.name).filter((name) => !entries.some((e) => e.isFile() && e.name === 'index.html' && e.parentPath === path.join(outDir, name)));
        const hashes = inlineScriptHashes(pages);
        const styleHashes = inlineStyleHashes(pages);
        await writeFile(path.join(outDir, '_headers'), headersFile(base, directories.sort(), hashes, styleHashes));
        logger.info(`_headers: ${hashes.length} inline script hash(es), ${styleHashes.length} inline stylesheet hash(es), ${directories.length} asset folders`);
      },
    },
  };
}
