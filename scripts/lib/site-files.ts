import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

/** Every .html file under a built site, as paths relative to it ("index.html", "softmax/index.html"). */
export function htmlFiles(distDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) found.push(path.relative(distDir, full));
    }
  };
  walk(distDir);
  return found.sort();
}

/** Parses a built HTML file into a DOM document (linkedom: no browser needed). */
export function readDocument(distDir: string, file: string): Document {
  return parseHTML(readFileSync(path.join(distDir, file), 'utf8')).document as unknown as Document;
}

/** The text of each stylesheet written into a page (`<style>`: the build inlines every page's CSS, astro.config.mjs). */
export function inlineStylesheets(document: Document): string[] {
  return [...document.querySelectorAll('style')].map((style) => style.textContent ?? '');
}

/** Maps a site URL path ("/nn/softmax/") to its file in dist ("softmax/index.html"), or undefined outside base. */
export function fileForPath(urlPath: string, base: string): string | undefined {
  if (!urlPath.startsWith(base)) return undefined;
  const rest = decodeURIComponent(urlPath.slice(base.length));
  if (rest === '' || rest.endsWith('/')) return `${rest}index.html`;
  return rest;
}
