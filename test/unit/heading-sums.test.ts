import { createMarkdownProcessor, rehypeHeadingIds } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { keepShortSumsTogether, rehypeHeadingSums } from '../../src/markdown/heading-sums';

const NBSP = '\u00a0';

describe('keepShortSumsTogether', () => {
  it('joins a short sum to its operator with non-breaking spaces', () => {
    expect(keepShortSumsTogether('The top of the network: s − y')).toBe(`The top of the network: s${NBSP}−${NBSP}y`);
    expect(keepShortSumsTogether('(a + b) and x = 1.')).toBe(`(a${NBSP}+${NBSP}b) and x${NBSP}=${NBSP}1.`);
  });

  it('leaves words and sums of long operands alone', () => {
    for (const text of ['forward + backward', 'Depth versus reach', 'a - b', 'Adam − momentum']) expect(keepShortSumsTogether(text)).toBe(text);
  });
});

describe('rehypeHeadingSums', () => {
  it('changes the heading text, not its id, and not the paragraphs', async () => {
    const processor = await createMarkdownProcessor({ rehypePlugins: [rehypeHeadingIds, rehypeHeadingSums], syntaxHighlight: false });
    const { code, metadata } = await processor.render('## The top: s − y\n\nAnd s − y here.');
    expect(code).toContain(`<h2 id="the-top-s--y">The top: s${NBSP}−${NBSP}y</h2>`);
    expect(code).toContain('<p>And s − y here.</p>');
    expect(metadata.headings[0]).toMatchObject({ slug: 'the-top-s--y', text: 'The top: s − y' });
  });
});
