/**
 * "Reproduce in code" text of the information-theory widgets, shared by the server render and the custom elements.
 * Each takes the reader's raw weights and shows the normalisation the widget does before computing.
 */
import { crossEntropy, entropy, huffmanCode, klDivergence, normalize, softmax } from '../../src/compute';
import { arrayForCode, formatForCode } from '../lib/format';

const IMPORT = "import { normalize, entropy, crossEntropy, klDivergence, huffmanCode, softmax, softmaxCrossEntropy } from './src/compute';";

/** Snippet for the entropy meter. */
export function entropySnippet(weights: readonly number[]): string {
  const p = normalize(weights);
  return `${IMPORT}\nconst p = normalize(${arrayForCode(weights)});\nentropy(p);          // bits → ${formatForCode(entropy(p))}\nentropy(p, Math.E);  // nats → ${formatForCode(entropy(p, Math.E))}`;
}

/** Snippet for the code builder. */
export function huffmanSnippet(weights: readonly number[]): string {
  const { codes, averageLength } = huffmanCode(normalize(weights));
  return `${IMPORT}\nhuffmanCode(normalize(${arrayForCode(weights)}));\n// → { codes: [${codes.map((c) => `'${c}'`).join(', ')}], averageLength: ${formatForCode(averageLength)} }`;
}

/** "bit" or "bits" for a value as formatForCode writes it. */
const unitOf = (value: number): string => (formatForCode(value) === '1' ? 'bit' : 'bits');

/** Snippet for p vs q. */
export function divergenceSnippet(pWeights: readonly number[], qWeights: readonly number[]): string {
  const [p, q] = [normalize(pWeights), normalize(qWeights)];
  return (
    `${IMPORT}\nconst p = normalize(${arrayForCode(pWeights)});\nconst q = normalize(${arrayForCode(qWeights)});\n` +
    `entropy(p);           // → ${formatForCode(entropy(p))} ${unitOf(entropy(p))}\ncrossEntropy(p, q);   // → ${formatForCode(crossEntropy(p, q))} ${unitOf(crossEntropy(p, q))}\n` +
    `klDivergence(p, q);   // → ${formatForCode(klDivergence(p, q))} ${unitOf(klDivergence(p, q))}\nklDivergence(q, p);   // → ${formatForCode(klDivergence(q, p))} ${unitOf(klDivergence(q, p))}`
  );
}

/** Snippet for the same-gradient widget. */
export function sameGradientSnippet(pWeights: readonly number[], logits: readonly number[]): string {
  const p = normalize(pWeights);
  const q = softmax(logits);
  return (
    `${IMPORT}\nconst p = normalize(${arrayForCode(pWeights)});\nconst z = ${arrayForCode(logits)};\n` +
    `softmaxCrossEntropy(z, p).grad;  // → ${arrayForCode(q.map((qi, i) => qi - p[i]!))}  (= softmax(z) − p)\n` +
    `crossEntropy(p, softmax(z), Math.E) - klDivergence(p, softmax(z), Math.E);  // → ${formatForCode(crossEntropy(p, q, Math.E) - klDivergence(p, q, Math.E))} = H(p) in nats`
  );
}

/** Snippet for the binary entropy curve. */
export const binarySnippet = (b: number): string =>
  `import { entropy } from './src/compute';\nentropy([${b}, 1 - ${b}]); // → ${formatForCode(entropy([b, 1 - b]))} ${unitOf(entropy([b, 1 - b]))}`;
