/**
 * KaTeX's fonts are `font-display: optional` (src/integrations/font-display.ts): Chrome sets a page's formulas in
 * them only if they are already in the tab's memory, as after an earlier page of the site; otherwise in the local
 * faces that stand in for them, for that page's whole life. Tests and screenshots that should see a later page's
 * formulas load the fonts first with this.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The math fonts of a build, as paths from its root (KaTeX's woff2 files). */
const mathFontPaths = (distDir: string): string[] =>
  readdirSync(`${distDir}/_astro`).filter((name) => name.startsWith('KaTeX_') && name.endsWith('.woff2')).map((name) => `_astro/${name}`);

/**
 * Opens the home page at `siteUrl` (the site root) and loads every math font there as a font, so that the next page
 * the tab opens finds them in memory. A page, not a plain file such as robots.txt: for that Chrome asks for
 * /favicon.ico, which the site has not. Loaded as fonts, not fetched: Chrome takes an optional face only from the
 * fonts it has loaded, not from the HTTP cache.
 */
export async function loadMathFonts(page: Page, siteUrl: string, distDir = 'dist'): Promise<void> {
  const paths = mathFontPaths(distDir);
  await page.goto(siteUrl);
  const loaded = await page.evaluate((list) => Promise.all(list.map(async (path) => (await new FontFace('preloaded', `url(${path})`).load()).status)), paths);
  if (loaded.length === 0 || loaded.some((status) => status !== 'loaded')) throw new Error(`could not load the math fonts (${paths.length} found in ${distDir}/_astro)`);
}
