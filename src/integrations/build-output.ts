/** Reading the built site from an integration's `astro:build:done` hook. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir`, recursively, whose name ends in `extension` (".html"), as full paths, sorted. */
export async function filesUnder(dir: string, extension: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The configured base path with the trailing slash the built site's URLs are joined onto ("/nn" → "/nn/"). */
export const withTrailingSlash = (base: string): string => (base.endsWith('/') ? base : `${base}/`);
