/**
 * Keeps Astro's build internals out of the published folder. With OUT_DIR outside the project, Astro 5 writes its
 * content-layer files (collections/*.schema.json, content-modules.mjs, content-assets.mjs) into the output too;
 * they are not part of the site, so they are removed once the build is done.
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What Astro may leave in the output that no page uses. */
export const BUILD_INTERNALS = ['collections', 'content-modules.mjs', 'content-assets.mjs', 'data-store.json'];

/** Removes BUILD_INTERNALS from `outDir`; returns the names it removed. */
export async function removeBuildInternals(outDir: string): Promise<string[]> {
  const present = BUILD_INTERNALS.filter((name) => existsSync(path.join(outDir, name)));
  await Promise.all(present.map((name) => rm(path.join(outDir, name), { recursive: true, force: true })));
  return present;
}

export function buildInternals(): AstroIntegration {
  return {
    name: 'nn-notebook:build-internals',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const removed = await removeBuildInternals(fileURLToPath(dir));
        if (removed.length) logger.info(`removed build internals from the output: ${removed.join(', ')}`);
      },
    },
  };
}
