import { describe, expect, it } from 'vitest';
import { extractExport } from '../../src/lib/extract-export';

const source = `import { x } from './x';

/** Adds one. */
export function addOne(n: number): number {
  const brace = '}'; // a brace in a string must not end the function
  return n + 1;
}

function helper(): void {}

/**
 * A constant with a doc comment.
 */
export const table = { a: '{', b: [1, 2] };

export function overloaded(a: string): string;
export function overloaded(a: number): number;
export function overloaded(a: string | number) {
  return a;
}

export interface Shape {
  size: number;
}
`;

describe('extractExport', () => {
  it('cuts a function with its doc comment, exactly as written', () => {
    const got = extractExport(source, 'addOne')!;
    expect(got.text).toBe(
      "/** Adds one. */\nexport function addOne(n: number): number {\n  const brace = '}'; // a brace in a string must not end the function\n  return n + 1;\n}",
    );
    expect([got.startLine, got.endLine]).toEqual([3, 7]);
  });

  it('cuts exported constants and interfaces', () => {
    expect(extractExport(source, 'table')!.text).toBe(
      "/**\n * A constant with a doc comment.\n */\nexport const table = { a: '{', b: [1, 2] };",
    );
    expect(extractExport(source, 'Shape')!.text).toBe('export interface Shape {\n  size: number;\n}');
  });

  it('keeps overload signatures with their implementation', () => {
    const got = extractExport(source, 'overloaded')!;
    expect(got.text.startsWith('export function overloaded(a: string): string;')).toBe(true);
    expect(got.text.endsWith('return a;\n}')).toBe(true);
    expect([got.startLine, got.endLine]).toEqual([16, 20]);
  });

  it('ignores declarations that are not exported, and unknown names', () => {
    expect(extractExport(source, 'helper')).toBeUndefined();
    expect(extractExport(source, 'missing')).toBeUndefined();
  });

  it('line numbers point at the text in the file', () => {
    const got = extractExport(source, 'table')!;
    const lines = source.split('\n').slice(got.startLine - 1, got.endLine).join('\n');
    expect(lines).toBe(got.text);
  });
});
