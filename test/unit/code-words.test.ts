import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { CODE_WORD_CLASS, rehypeCodeWords } from '../../src/markdown/code-words';

const processor = await createMarkdownProcessor({ rehypePlugins: [rehypeCodeWords], syntaxHighlight: false });

/** Each code element of the rendered markdown: its text and whether it is kept on one line. */
async function codes(markdown: string) {
  const { document } = parseHTML(`<div>${(await processor.render(markdown)).code}</div>`);
  return [...document.querySelectorAll('code')].map((code) => [code.textContent, code.classList.contains(CODE_WORD_CLASS)]);
}

describe('rehypeCodeWords', () => {
  it('keeps a short one-word inline code on one line, options and paths included', async () => {
    expect(await codes('Run `npm run train` with `--optimizer`, `--json` or `src/compute/conv-simd.ts`.')).toEqual([
      ['npm run train', false],
      ['--optimizer', true],
      ['--json', true],
      ['src/compute/conv-simd.ts', true],
    ]);
  });

  it('lets code longer than 24 characters break, and leaves code blocks alone', async () => {
    expect(await codes('Set `torch.use_deterministic_algorithms(True)`.\n\n```\n--flag\n```')).toEqual([
      ['torch.use_deterministic_algorithms(True)', false],
      ['--flag\n', false],
    ]);
  });
});
