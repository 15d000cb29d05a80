import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { removeBuildInternals } from '../../src/integrations/build-internals';

it("removes Astro's content-layer files from an output folder and nothing else", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'out-'));
  mkdirSync(path.join(dir, 'collections'));
  writeFileSync(path.join(dir, 'collections', 'chapters.schema.json'), '{}');
  for (const name of ['content-modules.mjs', 'content-assets.mjs', 'index.html']) writeFileSync(path.join(dir, name), '');
  mkdirSync(path.join(dir, 'softmax'));
  expect((await removeBuildInternals(dir)).sort()).toEqual(['collections', 'content-assets.mjs', 'content-modules.mjs']);
  expect(readdirSync(dir).sort()).toEqual(['index.html', 'softmax']);
});
