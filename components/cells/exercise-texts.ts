/**
 * What a reader sees of each code exercise: the starting code in the cell, and the solution behind "Show a
 * solution". `wrong` is a plausible mistake the tests use to make sure Check catches it (it is never shown).
 * The checks themselves are in exercises.ts.
 */
export interface ExerciseText {
  starter: string;
  solution: string;
  wrong: string;
}

export const exerciseTexts: Record<string, ExerciseText> = {
  'conv-output-size': {
    starter: `// The output length of a convolution along one axis, as PyTorch computes it.
function outputSize(n: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return 0; // your formula
}
outputSize(224, 11, 4, 2, 1)`,
    solution: `function outputSize(n: number, kernel: number, stride: number, padding: number, dilation: number): number {
  const span = dilation * (kernel - 1) + 1; // the kernel's reach once dilated
  return Math.floor((n + 2 * padding - span) / stride) + 1;
}`,
    wrong: `function outputSize(n, kernel, stride, padding, dilation) {
  return Math.floor((n + 2 * padding - kernel) / stride) + 1; // forgets the dilation
}`,
  },
  'receptive-field': {
    starter: `// The receptive field of the last layer of a stack of convolutions (no padding, no dilation).
function receptiveField(layers: { kernel: number; stride: number }[]): number {
  let field = 1;
  let jump = 1; // input pixels between neighbouring units
  for (const layer of layers) {
    // update field and jump
  }
  return field;
}
receptiveField([{ kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }])`,
    solution: `function receptiveField(layers: { kernel: number; stride: number }[]): number {
  let field = 1;
  let jump = 1;
  for (const { kernel, stride } of layers) {
    field += (kernel - 1) * jump; // the new kernel's extra reach, in input pixels
    jump *= stride;
  }
  return field;
}`,
    wrong: `function receptiveField(layers) {
  let field = 1;
  for (const { kernel } of layers) field += kernel - 1; // ignores the strides before
  return field;
}`,
  },
  entropy: {
    starter: `// Entropy in bits of a distribution p (outcomes with p = 0 contribute nothing).
function entropy(p: number[]): number {
  return 0;
}
entropy([0.5, 0.25, 0.25])`,
    solution: `function entropy(p: number[]): number {
  let bits = 0;
  for (const pi of p) if (pi > 0) bits -= pi * Math.log2(pi); // 0 · log 0 = 0
  return bits;
}`,
    wrong: `function entropy(p) {
  return -p.reduce((sum, pi) => sum + pi * Math.log2(pi), 0); // 0 · log 0 gives NaN
}`,
  },
  'cross-entropy': {
    starter: `// Cross-entropy H(p, q) in bits: the average code length when the truth is p and the code is built for q.
function crossEntropy(p: number[], q: number[]): number {
  return 0;
}
crossEntropy([1, 0, 0], [0.5, 0.3, 0.2])`,
    solution: `function crossEntropy(p: number[], q: number[]): number {
  let bits = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) bits -= p[i]! * Math.log2(q[i]!); // q = 0 where p > 0: infinite
  return bits;
}`,
    wrong: `function crossEntropy(p, q) {
  return -p.reduce((sum, pi, i) => sum + q[i] * Math.log2(pi), 0); // p and q swapped
}`,
  },
  'kl-divergence': {
    starter: `// KL(p ‖ q) in bits: the extra bits paid for coding p with q's code.
function kl(p: number[], q: number[]): number {
  return 0;
}
kl([0.5, 0.5], [0.9, 0.1])`,
    solution: `function kl(p: number[], q: number[]): number {
  let bits = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) bits += p[i]! * Math.log2(p[i]! / q[i]!);
  return bits;
}`,
    wrong: `function kl(p, q) {
  let bits = 0;
  for (let i = 0; i < p.length; i++) if (q[i] > 0) bits += q[i] * Math.log2(q[i] / p[i]); // KL(q ‖ p)
  return bits;
}`,
  },
  'log-sum-exp': {
    starter: `// log(Σ exp(zᵢ)) without overflow for large z, nor underflow for very negative z.
function logSumExp(z: number[]): number {
  return Math.log(z.reduce((sum, zi) => sum + Math.exp(zi), 0)); // overflows at z = 1000
}
logSumExp([1000, 1000])`,
    solution: `function logSumExp(z: number[]): number {
  const max = Math.max(...z); // shift so the largest term is exp(0) = 1
  return max + Math.log(z.reduce((sum, zi) => sum + Math.exp(zi - max), 0));
}`,
    wrong: `function logSumExp(z) {
  return Math.log(z.reduce((sum, zi) => sum + Math.exp(zi), 0));
}`,
  },
  'gradient-descent': {
    starter: `// Gradient descent on f(x) = x², whose derivative is 2x: every iterate from x0, steps of them after it.
function descend(x0: number, lr: number, steps: number): number[] {
  const xs = [x0];
  return xs;
}
descend(2, 0.25, 3)`,
    solution: `function descend(x0: number, lr: number, steps: number): number[] {
  const xs = [x0];
  for (let k = 0; k < steps; k++) xs.push(xs[k]! - lr * 2 * xs[k]!);
  return xs;
}`,
    wrong: `function descend(x0, lr, steps) {
  const xs = [x0];
  for (let k = 0; k < steps; k++) xs.push(xs[k] - lr * xs[k]); // the derivative of x² is 2x, not x
  return xs;
}`,
  },
  'adam-steps': {
    starter: `// Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8), as torch.optim.Adam: apply each gradient in turn, return the parameters.
function adamSteps(x0: number[], grads: number[][], lr: number): number[] {
  const x = [...x0];
  const m = x.map(() => 0);
  const v = x.map(() => 0);
  grads.forEach((g, step) => {
    const t = step + 1;
    // update m, v and x
  });
  return x;
}
adamSteps([1, -2], [[1, 1], [1, 1]], 0.01)`,
    solution: `function adamSteps(x0: number[], grads: number[][], lr: number): number[] {
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const x = [...x0];
  const m = x.map(() => 0);
  const v = x.map(() => 0);
  grads.forEach((g, step) => {
    const t = step + 1;
    for (let i = 0; i < x.length; i++) {
      m[i] = beta1 * m[i]! + (1 - beta1) * g[i]!;
      v[i] = beta2 * v[i]! + (1 - beta2) * g[i]! * g[i]!;
      const mHat = m[i]! / (1 - beta1 ** t); // bias correction: m and v start at 0
      const vHat = v[i]! / (1 - beta2 ** t);
      x[i] = x[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  });
  return x;
}`,
    wrong: `function adamSteps(x0, grads, lr) {
  const x = [...x0], m = x.map(() => 0), v = x.map(() => 0);
  for (const g of grads) {
    for (let i = 0; i < x.length; i++) {
      m[i] = 0.9 * m[i] + 0.1 * g[i];
      v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
      x[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + 1e-8); // no bias correction
    }
  }
  return x;
}`,
  },
  'maxpool-backward': {
    starter: `// The backward pass of 2×2 max pooling with stride 2 on one map: each output's gradient goes to the input that won
// its window (on a tie, the first in reading order, as PyTorch does); every other input gets 0.
function maxPoolBackward(input: number[][], gradOut: number[][]): number[][] {
  const grad = input.map((row) => row.map(() => 0));
  return grad;
}
maxPoolBackward([[1, 9, 2, 2], [3, 4, 2, 2]], [[1, -1]])`,
    solution: `function maxPoolBackward(input: number[][], gradOut: number[][]): number[][] {
  const grad = input.map((row) => row.map(() => 0));
  gradOut.forEach((row, y) =>
    row.forEach((g, x) => {
      let [bestY, bestX] = [2 * y, 2 * x];
      for (let dy = 0; dy < 2; dy++)
        for (let dx = 0; dx < 2; dx++)
          if (input[2 * y + dy]![2 * x + dx]! > input[bestY]![bestX]!) [bestY, bestX] = [2 * y + dy, 2 * x + dx];
      grad[bestY]![bestX]! += g; // only the winner moved the output
    }),
  );
  return grad;
}`,
    wrong: `function maxPoolBackward(input, gradOut) {
  // spreads each gradient evenly, as average pooling would
  return input.map((row, r) => row.map((_, c) => gradOut[r >> 1][c >> 1] / 4));
}`,
  },
};
