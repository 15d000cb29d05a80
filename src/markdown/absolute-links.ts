/**
 * Rewrites a chapter's relative links (`../softmax/#…`) as absolute paths under the base (`/nn/softmax/#…`) at build
 * time. A relative link resolves against the address in the browser, and hosts that serve `/nn/gradient-descent`
 * without redirecting to `/nn/gradient-descent/` would send `../softmax/` one level too high.
 */
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { Root } from 'hast';

const isRelative = (href: string) => href.startsWith('./') || href.startsWith('../');

/** The rehype plugin; `base` is the site's base path ("/" or "/nn/"). Pages live at `<base><file name>/`. */
export function absoluteLinks(options: { base: string }) {
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  return (tree: Root, file: { path?: string; history?: string[] }) => {
    const source = file.path ?? file.history?.[0];
    if (!source) return;
    const page = `${base}${path.basename(source).replace(/\.mdx?$/, '')}/`;
    const resolve = (href: string) => {
      const url = new URL(href, `http://site${page}`);
      return `${url.pathname}${url.hash}`;
    };
    visit(tree, (node) => {
      if (node.type === 'element' && node.tagName === 'a' && typeof node.properties?.['href'] === 'string' && isRelative(node.properties['href'])) {
        node.properties['href'] = resolve(node.properties['href']);
      }
      // Links written as JSX in MDX (<a href="../x/">) arrive as mdxJsx elements.
      const jsx = node as unknown as { type: string; name?: string; attributes?: { type: string; name: string; value: unknown }[] };
      if ((jsx.type === 'mdxJsxFlowElement' || jsx.type === 'mdxJsxTextElement') && jsx.name === 'a') {
        for (const attribute of jsx.attributes ?? []) {
          if (attribute.name === 'href' && typeof attribute.value === 'string' && isRelative(attribute.value)) attribute.value = resolve(attribute.value);
        }
      }
    });
  };
}
