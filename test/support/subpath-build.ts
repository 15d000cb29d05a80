import { execFileSync } from 'node:child_process';

/** Where the sub-path build goes, and the base path it is built for. */
export const SUBPATH_BUILD = { dir: 'dist-nn', base: '/nn/' } as const;

/**
 * Builds the site for hosting under /nn/ into dist-nn/ (what `npm run build:subpath` does), for test runs that
 * start without it.
 * Vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test, …) into process.env, and Vite would let them win
 * over the config in the child build, so the child gets the environment without them.
 */
export function buildUnderSubpath(): void {
  const viteKeys = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !viteKeys.has(key) && !key.startsWith('VITEST')),
  );
  execFileSync('npx', ['astro', 'build', '--silent'], {
    stdio: 'inherit',
    env: { ...env, BASE_PATH: SUBPATH_BUILD.base, OUT_DIR: `./${SUBPATH_BUILD.dir}`, SITE: 'https://example.org', REPO_URL: 'https://example.org/nn-notebook' },
  });
}
