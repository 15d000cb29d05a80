import { describe, expect, it } from 'vitest';
import { href } from '../../src/lib/paths';

describe('href', () => {
  it.each([
    ['/', '/', '/'],
    ['softmax', '/', '/softmax/'],
    ['/softmax', '/nn/', '/nn/softmax/'],
    ['softmax#the-formula', '/nn', '/nn/softmax/#the-formula'],
    ['favicon.svg', '/nn/', '/nn/favicon.svg'],
    ['/', '/nn/', '/nn/'],
  ])('href(%j) under %j is %j', (path, base, expected) => {
    expect(href(path, base)).toBe(expected);
  });
});
