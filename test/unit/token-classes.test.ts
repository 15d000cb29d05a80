import { readFileSync } from 'node:fs';
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { codeToHtml } from 'shiki';
import { CODE_COLOURS_FILE, CODE_THEMES, codeColoursCss, tokenClasses } from '../../src/markdown/token-classes';

/** A token span as Shiki builds it with two themes and no default colour. */
const token = (style: string): Element => ({ type: 'element', tagName: 'span', properties: { style }, children: [{ type: 'text', value: 'x' }] });

describe('tokenClasses', () => {
  it("turns a token's two theme colours into two classes, each with its rule in the stylesheet", () => {
    const span = token('--shiki-light:#0E1116;--shiki-dark:#F0F3F6');
    tokenClasses.span(span);
    expect(span.properties).toEqual({ class: ['l-0e1116', 'd-f0f3f6'] });
    const css = codeColoursCss();
    expect(css).toContain('.astro-code .l-0e1116{--shiki-light:#0E1116}');
    expect(css).toContain('.astro-code .d-f0f3f6{--shiki-dark:#F0F3F6}');
  });

  it('the stylesheet in the repository is the one generated (else: npm run code-colours)', () => {
    expect(readFileSync(CODE_COLOURS_FILE, 'utf8'), 'src/styles/code-colours.css is stale: run npm run code-colours').toBe(codeColoursCss());
  });

  it('leaves any other style alone: a font style, or a colour the themes do not have', () => {
    for (const style of ['--shiki-light:#0E1116;--shiki-dark:#F0F3F6;--shiki-light-font-style:italic', '--shiki-light:#123456;--shiki-dark:#F0F3F6']) {
      const span = token(style);
      tokenClasses.span(span);
      expect(span.properties).toEqual({ style });
    }
  });

  it('on real TypeScript, every token Shiki colours gets classes whose colours are the ones Shiki wrote', async () => {
    const code = "export function f(x: number): string {\n  // a comment\n  return `${x}` + 'y' + String(1e3 * x) ?? null;\n}";
    const styled = await codeToHtml(code, { lang: 'ts', themes: CODE_THEMES, defaultColor: false, tokenizeTimeLimit: 0 });
    const classed = await codeToHtml(code, { lang: 'ts', themes: CODE_THEMES, defaultColor: false, transformers: [tokenClasses] });
    const pairs = [...styled.matchAll(/<span style="--shiki-light:#([0-9A-F]{6});--shiki-dark:#([0-9A-F]{6})">/gi)].map((m) => `l-${m[1]!.toLowerCase()} d-${m[2]!.toLowerCase()}`);
    const classes = [...classed.matchAll(/<span class="(l-[0-9a-f]{6} d-[0-9a-f]{6})">/g)].map((m) => m[1]);
    expect(pairs.length).toBeGreaterThan(10);
    expect(classes).toEqual(pairs);
    expect(classed).not.toMatch(/<span style="--shiki/);
    expect(new Set(pairs).size).toBeGreaterThan(3);
  });

  it('tokenizes every line whole however long it takes: a build on a busy machine colours a listing as any other does', async () => {
    const code = 'const total = values.reduce((sum, value) => sum + value * 2, 0); // the whole line';
    const whole = await codeToHtml(code, { lang: 'ts', themes: CODE_THEMES, defaultColor: false, tokenizeTimeLimit: 0, transformers: [tokenClasses] });
    // A negative limit is already spent when a line starts: without the transformer the line stays one token.
    const cutShort = await codeToHtml(code, { lang: 'ts', themes: CODE_THEMES, defaultColor: false, tokenizeTimeLimit: -1 });
    const throughTransformer = await codeToHtml(code, { lang: 'ts', themes: CODE_THEMES, defaultColor: false, tokenizeTimeLimit: -1, transformers: [tokenClasses] });
    expect(cutShort.match(/<span style=/g)?.length ?? 0).toBeLessThan(3);
    expect(throughTransformer).toBe(whole);
  });
});
