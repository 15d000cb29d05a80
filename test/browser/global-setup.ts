import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HELP } from '../support/chromium';
import { serveSite } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Chromium binary, or '' when none was found (outside CI only: then tests skip). */
    chromiumPath: string;
    /** Where dist/ is served, ending in "/". */
    siteUrl: string;
  }
}

/** Finds Chromium (a hard failure in CI) and serves dist/ on 127.0.0.1 for the browser tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ has no built site: run `npm run build` first (`npm test` does it for you).');
  }
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.env['CI']) throw new Error(`CI=true and no Chromium found. ${INSTALL_HELP}`);
    console.warn(`\n⚠ Skipping browser tests. ${INSTALL_HELP}\n`);
  }
  const server = await serveSite('dist');
  project.provide('chromiumPath', chromiumPath ?? '');
  project.provide('siteUrl', server.url);
  return () => server.close();
}
