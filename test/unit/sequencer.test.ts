import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LONGEST_FIRST } from '../support/sequencer';

it('the files the test sequencer starts first all exist (a renamed file would silently lose its place)', () => {
  expect(LONGEST_FIRST.filter((path) => !existsSync(path))).toEqual([]);
});
