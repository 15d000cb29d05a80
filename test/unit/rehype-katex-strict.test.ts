import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeKatexStrict } from '../../src/markdown/rehype-katex-strict';
import config from '../../astro.config.mjs';

/** Compiles MDX through the same remark/rehype math plugins the site uses. */
const compileChapter = (text: string, path = 'content/example.mdx') =>
  compile(new VFile({ path, value: text }), { remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatexStrict] });

describe('rehypeKatexStrict', () => {
  it('renders good math with MathML kept for screen readers', async () => {
    const out = String(await compileChapter('Inline $a^2$ and\n\n$$\n\\frac{1}{2}\n$$\n'));
    expect(out).toContain('katex-mathml');
    expect(out).toContain('katex-html');
    expect(out).not.toContain('katex-error');
  });

  it('makes display math focusable and writes its height for the stylesheet', async () => {
    const out = String(await compileChapter('$$\n\\frac{1}{2}\n$$\n'));
    expect(out).toMatch(/tabIndex: "0"/);
    expect(out).toMatch(/"--math-height": "\d+\.\d{3}em"/);
  });

  it('fails on a bad formula, naming the file, line and column', async () => {
    const text = '# Title\n\nSome prose.\n\nHere $\\frac{1}{$ breaks.\n';
    await expect(compileChapter(text, 'content/broken.mdx')).rejects.toThrow(/content\/broken\.mdx:5:6: .*KaTeX parse error/);
  });

  it('fails on an undefined control sequence in display math', async () => {
    await expect(compileChapter('Intro\n\n$$\n\\notacommand{x}\n$$\n')).rejects.toThrow(/example\.mdx:3:1:.*notacommand/);
  });

  it('is the math plugin the site is built with', () => {
    const plugins = config.markdown?.rehypePlugins ?? [];
    expect(plugins).toContain(rehypeKatexStrict);
  });
});
