import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The site checks read dist/ (built by `npm run build` just before) and dist-nn/, the same site built for hosting
 * under the sub-path /nn/, which this setup builds so that sub-path deployment is always tested.
 */
export default function setup(): void {
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ has no built site: run `npm run build` first (`npm test` does it for you).');
  }
  // Vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test, …) into process.env; Vite would let them win
  // over the config in the child build, so the child gets the environment without them.
  const viteKeys = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !viteKeys.has(key) && !key.startsWith('VITEST')),
  );
  execFileSync('npx', ['astro', 'build', '--silent'], {
    stdio: 'inherit',
    env: { ...env, BASE_PATH: '/nn/', OUT_DIR: './dist-nn', SITE: 'https://example.org' },
  });
}
