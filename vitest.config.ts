import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/support/sequencer';

// Three projects, run in this order by `npm test`:
//   unit    — the compute package, widget helpers and build plugins; no build needed.
//   site    — checks on the built site in dist/ (links, anchors, origins, sizes, listings); builds dist-nn/ itself.
//   browser — Debian's Chromium driven by playwright-core against dist/ served on 127.0.0.1.
export default defineConfig({
  test: {
    // The longest files start first, also in a fresh clone (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        // Two files at a time (vitest's default on two cores is one): the CLI's training test alone takes 40 s.
        // 30 s per test, not vitest's 5: the CLI and package tests start real processes (tsc, npm, a training run),
        // which beside that training test on a loaded CI machine have taken 5.5 s.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/compute/**/*.test.ts'], maxWorkers: 2, testTimeout: 30_000 },
      },
      {
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          globalSetup: ['test/site/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // What the page does asynchronously (loading the search index, decoding an image, a worker's first
          // report) can take well over expect.poll's default 1 s on a busy CI machine.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium per file; two cores, so two files at a time.
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
