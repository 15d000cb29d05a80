import type { HuffmanTree } from '../../src/compute';
import { formatNumber } from '../lib/format';
import { svgElement } from '../lib/svg';
import { setViewBox } from '../lib/readable-svg';

const LEAF_GAP = 56;
const LEVEL_GAP = 46;
const MARGIN = 24;

interface Placed {
  x: number;
  y: number;
  tree: HuffmanTree;
  children: { bit: '0' | '1'; child: Placed }[];
}

/** Places leaves left to right in code order and each merge above the middle of its two children. */
function place(tree: HuffmanTree, depth: number, nextLeaf: { x: number }): Placed {
  if (tree.kind === 'leaf') {
    const x = nextLeaf.x;
    nextLeaf.x += LEAF_GAP;
    return { x, y: MARGIN + depth * LEVEL_GAP, tree, children: [] };
  }
  const zero = place(tree.zero, depth + 1, nextLeaf);
  const one = place(tree.one, depth + 1, nextLeaf);
  return {
    x: (zero.x + one.x) / 2,
    y: MARGIN + depth * LEVEL_GAP,
    tree,
    children: [
      { bit: '0', child: zero },
      { bit: '1', child: one },
    ],
  };
}

/**
 * Draws a Huffman tree into `svg`: edges labelled with their bit, leaves with the outcome's name and probability.
 * Names are set as text content, never parsed as markup.
 */
export function drawCodeTree(svg: SVGSVGElement, tree: HuffmanTree, labels: readonly string[]): void {
  const root = place(tree, 0, { x: MARGIN + 10 });
  const nodes: Placed[] = [];
  const collect = (node: Placed) => {
    nodes.push(node);
    node.children.forEach(({ child }) => collect(child));
  };
  collect(root);
  const width = Math.max(...nodes.map((n) => n.x)) + MARGIN + 10;
  const height = Math.max(...nodes.map((n) => n.y)) + 49;
  setViewBox(svg, width, height);
  svg.style.maxWidth = `${width * 1.4}px`;
  const parts: SVGElement[] = [];
  for (const node of nodes) {
    for (const { bit, child } of node.children) {
      parts.push(svgElement('line', { x1: node.x, y1: node.y, x2: child.x, y2: child.y, class: 'tree-edge' }));
      const mx = (node.x + child.x) / 2 + (bit === '0' ? -8 : 8);
      parts.push(svgElement('text', { x: mx, y: (node.y + child.y) / 2, class: 'tree-bit', 'text-anchor': 'middle' }, bit));
    }
  }
  for (const node of nodes) {
    const leaf = node.tree.kind === 'leaf';
    parts.push(svgElement('circle', { cx: node.x, cy: node.y, r: leaf ? 6 : 4, class: leaf ? 'tree-leaf' : 'tree-node' }));
    if (node.tree.kind === 'leaf') {
      parts.push(svgElement('text', { x: node.x, y: node.y + 20, class: 'tree-label', 'text-anchor': 'middle' }, labels[node.tree.symbol] ?? ''));
      parts.push(svgElement('text', { x: node.x, y: node.y + 37, class: 'tree-prob', 'text-anchor': 'middle' }, formatNumber(node.tree.probability, 2)));
    }
  }
  svg.replaceChildren(...parts);
}
