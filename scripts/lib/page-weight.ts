import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileForPath, inlineStylesheets, readDocument } from './site-files';

/** What one built page costs to load up front, in bytes. */
export interface PageWeight {
  page: string;
  html: number;
  /** gzip size of every script the page runs on load: inline ones, <script src>, the modules a loader lists in
   * `data-load`, and their static imports. */
  jsGzip: number;
  /** gzip size of its stylesheets, linked and inline. */
  cssGzip: number;
  /** The JS files counted (site paths), for diagnosing a budget failure. */
  jsFiles: string[];
}

const gzipSize = (data: string | Buffer): number => gzipSync(data, { level: 9 }).length;

// Static imports in Vite's minified output: `import{a as b}from"./x.js"` and `import"./x.js"`. Dynamic import(...)
// is deliberately not matched: code loaded on demand is not loaded up front.
const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+?from\s*)?["']([^"']+\.js)["']/g;

/** Follows a JS file's static imports, collecting every file it pulls in (site paths, deduplicated). */
function collectModule(distDir: string, base: string, sitePath: string, seen: Set<string>): void {
  if (seen.has(sitePath)) return;
  const file = fileForPath(sitePath, base);
  if (!file || !existsSync(path.join(distDir, file))) return;
  seen.add(sitePath);
  const code = readFileSync(path.join(distDir, file), 'utf8');
  for (const match of code.matchAll(STATIC_IMPORT)) {
    collectModule(distDir, base, new URL(match[1]!, `http://site${sitePath}`).pathname, seen);
  }
}

/** Measures one page of a built site (`file` relative to distDir, e.g. "softmax/index.html"). */
export function measurePage(distDir: string, file: string, base = '/'): PageWeight {
  const html = readFileSync(path.join(distDir, file));
  const document = readDocument(distDir, file);
  const pagePath = `${base}${file.replace(/index\.html$/, '')}`;
  const resolve = (ref: string) => new URL(ref, `http://site${pagePath}`).pathname;

  let jsGzip = 0;
  const modules = new Set<string>();
  for (const script of document.querySelectorAll('script')) {
    const type = script.getAttribute('type');
    if (type && type !== 'module' && type !== 'text/javascript') continue; // JSON data, etc.
    const src = script.getAttribute('src');
    if (src) collectModule(distDir, base, resolve(src), modules);
    else jsGzip += gzipSize(script.textContent ?? '');
    // The loader's list (src/integrations/after-first-paint.ts) runs on every load, only after the first paint.
    for (const listed of script.getAttribute('data-load')?.split(' ').filter(Boolean) ?? []) collectModule(distDir, base, resolve(listed), modules);
  }
  for (const link of document.querySelectorAll('link[rel="modulepreload"]')) {
    collectModule(distDir, base, resolve(link.getAttribute('href')!), modules);
  }
  for (const sitePath of modules) jsGzip += gzipSize(readFileSync(path.join(distDir, fileForPath(sitePath, base)!)));

  let cssGzip = 0;
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const file = fileForPath(resolve(link.getAttribute('href')!), base);
    if (file && existsSync(path.join(distDir, file))) cssGzip += gzipSize(readFileSync(path.join(distDir, file)));
  }
  for (const css of inlineStylesheets(document)) cssGzip += gzipSize(css);

  return { page: pagePath, html: html.length, jsGzip, cssGzip, jsFiles: [...modules] };
}
