import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HELP } from '../support/chromium';
import { serveSite } from '../support/server';
import { buildUnderSubpath, SUBPATH_BUILD } from '../support/subpath-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Chromium binary, or '' when none was found (outside CI only: then tests skip). */
    chromiumPath: string;
    /** Where dist/ is served, ending in "/". */
    siteUrl: string;
    /** Where dist-nn/ (built for /nn/) is served, ending in "/nn/". */
    subpathUrl: string;
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
  // The site project builds dist-nn first when both run (`npm test`); alone, build it here.
  if (!existsSync(`${SUBPATH_BUILD.dir}/index.html`)) buildUnderSubpath();
  const server = await serveSite('dist');
  const subpathServer = await serveSite(SUBPATH_BUILD.dir, SUBPATH_BUILD.base);
  project.provide('chromiumPath', chromiumPath ?? '');
  project.provide('siteUrl', server.url);
  project.provide('subpathUrl', subpathServer.url);
  return async () => {
    await server.close();
    await subpathServer.close();
  };
}
