/**
 * The "Reproduce in code" text of the softmax widgets, shared by the server render (first paint) and the custom
 * elements (after each change), so both always show the same call.
 */
import { softmax, softmaxCrossEntropy, softmaxJacobian } from '../../src/compute';
import { arrayForCode, formatForCode } from '../lib/format';

const IMPORT = "import { softmax, softmaxJacobian, softmaxCrossEntropy } from './src/compute';";

/** Snippet for the logits-to-probabilities widget. */
export const explorerSnippet = (logits: readonly number[], t: number): string =>
  `${IMPORT}\nsoftmax(${arrayForCode(logits)}, ${t});\n// → ${arrayForCode(softmax(logits, t))}`;

/** Snippet for the Jacobian widget. */
export const jacobianSnippet = (logits: readonly number[], t: number): string =>
  `${IMPORT}\nsoftmaxJacobian(${arrayForCode(logits)}, ${t});\n// → [\n${softmaxJacobian(logits, t)
    .map((row) => `//   ${arrayForCode(row, 4)},`)
    .join('\n')}\n// ]`;

/** Snippet for the loss-gradient widget. */
export function gradientSnippet(logits: readonly number[], target: readonly number[], lr: number): string {
  const { loss, grad } = softmaxCrossEntropy(logits, target);
  return (
    `${IMPORT}\nconst z = ${arrayForCode(logits)};\nconst { loss, grad } = softmaxCrossEntropy(z, ${arrayForCode(target)});\n` +
    `// loss = ${formatForCode(loss)} nats, grad = ${arrayForCode(grad)}\n` +
    `const next = z.map((zi, i) => zi - ${lr} * grad[i]); // one gradient step\n` +
    'next'
  );
}
