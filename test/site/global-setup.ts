import { existsSync } from 'node:fs';
import { buildUnderSubpath } from '../support/subpath-build';

/**
 * The site checks read dist/ (built by `npm run build` just before) and dist-nn/, the same site built for hosting
 * under the sub-path /nn/, which this setup builds afresh.
 */
export default function setup(): void {
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ has no built site: run `npm run build` first (`npm test` does it for you).');
  }
  buildUnderSubpath();
}
