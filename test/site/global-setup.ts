import { existsSync } from 'node:fs';
import { buildUnderSubpath } from '../support/subpath-build';

/**
 * The site checks read dist/ and dist-nn/ (the same site built for hosting under /nn/), both built by `npm test`
 * before the tests start; run alone, a missing dist-nn/ is built here. (Not rebuilt unconditionally: the browser
 * tests' server may already be serving it.)
 */
export default function setup(): void {
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ has no built site: run `npm run build` first (`npm test` does it for you).');
  }
  if (!existsSync('dist-nn/index.html')) buildUnderSubpath();
}
