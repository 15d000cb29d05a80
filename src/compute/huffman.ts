/**
 * Huffman's optimal prefix code: repeatedly merge the two least likely subtrees. No prefix code has a shorter
 * average length, and that length ℓ̄ satisfies H(p) ≤ ℓ̄ < H(p) + 1 (in bits).
 */
import { assertDistribution } from './checks.ts';

/** A node of the code tree: a leaf (one outcome) or a merge of two subtrees (0 = left, 1 = right). */
export type HuffmanTree =
  | { kind: 'leaf'; symbol: number; probability: number }
  | { kind: 'node'; probability: number; zero: HuffmanTree; one: HuffmanTree };

/**
 * Builds the Huffman tree for distribution p over the outcomes that can occur (pᵢ > 0): an impossible outcome is
 * never sent, so it needs no codeword. Ties are broken by creation order (older first), so the result is
 * deterministic. Returns a single leaf when only one outcome is possible.
 */
export function huffmanTree(p: readonly number[]): HuffmanTree {
  assertDistribution(p, 'p');
  // With at most a few dozen outcomes, a sorted array is clearer than a heap and just as fast.
  let queue: { tree: HuffmanTree; order: number }[] = p.flatMap((probability, symbol) =>
    probability > 0 ? [{ tree: { kind: 'leaf', symbol, probability } as const, order: symbol }] : [],
  );
  let order = p.length;
  const byWeight = (a: { tree: HuffmanTree; order: number }, b: { tree: HuffmanTree; order: number }) =>
    a.tree.probability - b.tree.probability || a.order - b.order;
  while (queue.length > 1) {
    queue.sort(byWeight);
    const [zero, one, ...rest] = queue;
    const merged: HuffmanTree = {
      kind: 'node',
      probability: zero!.tree.probability + one!.tree.probability,
      zero: zero!.tree,
      one: one!.tree,
    };
    queue = [...rest, { tree: merged, order: order++ }];
  }
  return queue[0]!.tree;
}

/**
 * The Huffman code of distribution p: one binary codeword per outcome (same order as p) and the average length
 * ℓ̄ = Σ pᵢ |codeᵢ| in bits. Outcomes that cannot occur (pᵢ = 0) get no codeword (the empty string), and when only
 * one outcome can occur it needs no bits either: then ℓ̄ = H = 0.
 */
export function huffmanCode(p: readonly number[]): { codes: string[]; averageLength: number } {
  const codes: string[] = new Array<string>(p.length).fill('');
  const walk = (tree: HuffmanTree, prefix: string): void => {
    if (tree.kind === 'leaf') codes[tree.symbol] = prefix;
    else {
      walk(tree.zero, `${prefix}0`);
      walk(tree.one, `${prefix}1`);
    }
  };
  walk(huffmanTree(p), '');
  const averageLength = p.reduce((sum, pi, i) => sum + pi * codes[i]!.length, 0);
  return { codes, averageLength };
}

/** Encodes a message (a list of outcome indices) with a code; returns the bit string. */
export function encodeMessage(message: readonly number[], codes: readonly string[]): string {
  return message
    .map((symbol, i) => {
      const code = codes[symbol];
      if (code === undefined) throw new RangeError(`Symbol ${i + 1} of the message (${symbol}) has no codeword.`);
      return code;
    })
    .join('');
}

/** Decodes a bit string with a prefix code; throws RangeError if the bits do not split into codewords. */
export function decodeMessage(bits: string, codes: readonly string[]): number[] {
  const lookup = new Map(codes.map((code, symbol) => [code, symbol]));
  const message: number[] = [];
  let current = '';
  for (const bit of bits) {
    current += bit;
    const symbol = lookup.get(current);
    if (symbol !== undefined) {
      message.push(symbol);
      current = '';
    }
  }
  if (current !== '') throw new RangeError(`The bits end in the middle of a codeword ("${current}").`);
  return message;
}
