/**
 * The order test files start in. Two workers share the files, so the run ends when the last long file does: the
 * longest should start first. Vitest orders by the durations it remembers, but a fresh clone (CI) remembers none and
 * falls back to the largest file first — which puts pages-light and pages-dark, a few lines each that check every
 * page, last. This names the files known to run longest (measured, longest first) and leaves the rest to Vitest.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The longest-running test files of each project, longest first (seconds on this 2-core machine, in CI). */
export const LONGEST_FIRST = [
  'test/unit/train-cli.test.ts', // 27 s
  'test/browser/pages-light.test.ts', // 95 s
  'test/browser/pages-dark.test.ts', // 62 s
  'test/browser/backpropagation.test.ts', // 40 s
  'test/browser/gradient-descent.test.ts', // 38 s
  'test/browser/convolution.test.ts', // 37 s
];

/** LONGEST_FIRST's files first within their project, in its order; projects keep their order, the rest Vitest's. */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification): number => {
      const at = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    const position = new Map(sorted.map((file, index) => [file, index]));
    const firstOfProject = new Map<unknown, number>();
    sorted.forEach((file, index) => firstOfProject.has(file.project) || firstOfProject.set(file.project, index));
    const project = (file: TestSpecification): number => firstOfProject.get(file.project)!;
    return [...sorted].sort((a, b) => project(a) - project(b) || rank(a) - rank(b) || position.get(a)! - position.get(b)!);
  }
}
