import type { Options } from 'rehype-autolink-headings';
import { toText } from 'hast-util-to-text';
import { ui } from '../i18n/ui';

/**
 * Options for rehype-autolink-headings: a visible "#" link after each h2–h4, whose accessible name says which
 * section it links to (a bare "#" would be read out as "number sign").
 */
export const headingAnchor: Options = {
  behavior: 'append',
  test: ['h2', 'h3', 'h4'],
  properties: { className: ['heading-anchor'] },
  content: (heading) => [
    { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['sr-only'] },
      children: [{ type: 'text', value: ui.headingAnchor(toText(heading).trim()) }],
    },
  ],
};
