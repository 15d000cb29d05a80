/**
 * 2-D convolution as deep-learning frameworks define it: cross-correlation (the kernel is not flipped), zero
 * padding, stride and dilation per axis, PyTorch's output sizes. Float32 inputs give Float32 outputs, Float64
 * give Float64; sums are accumulated in float64 either way.
 */
import { convOutputSize, pairOf, type Pair } from './shapes';

/** A dense row-major tensor. */
export interface Tensor {
  shape: number[];
  data: Float64Array | Float32Array;
}

/** Stride, padding and dilation of a convolution, each one value or [height, width]. */
export interface ConvOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
}

/** Throws unless `tensor` has the given rank, positive dimensions, matching data length and finite values. */
function assertTensor(tensor: Tensor, rank: number, what: string): void {
  if (!tensor || !Array.isArray(tensor.shape) || tensor.shape.length !== rank) {
    throw new RangeError(`${what} must have ${rank} dimensions.`);
  }
  if (tensor.shape.some((d) => !Number.isInteger(d) || d < 1)) throw new RangeError(`${what} must not be empty (shape ${tensor.shape.join('×')}).`);
  const size = tensor.shape.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== size) throw new RangeError(`${what} has ${tensor.data.length} values for shape ${tensor.shape.join('×')} (${size}).`);
  for (let i = 0; i < tensor.data.length; i++) {
    if (!Number.isFinite(tensor.data[i]!)) throw new RangeError(`${what} must be finite, but value ${i} is ${tensor.data[i]}.`);
  }
}

/** The geometry shared by conv2d and im2col, checked: sizes, strides, paddings, dilations, output size. */
function geometry(input: Tensor, kernel: [number, number], options: ConvOptions) {
  const [channels, height, width] = input.shape as [number, number, number];
  const stride = pairOf(options.stride, 1, 'The stride', 1);
  const padding = pairOf(options.padding, 0, 'The padding', 0);
  const dilation = pairOf(options.dilation, 1, 'The dilation', 1);
  const outHeight = convOutputSize(height, kernel[0], stride[0], padding[0], dilation[0]);
  const outWidth = convOutputSize(width, kernel[1], stride[1], padding[1], dilation[1]);
  if (outHeight < 1 || outWidth < 1) {
    throw new RangeError(`The ${kernel.join('×')} kernel (dilation ${dilation.join('×')}) does not fit the ${height}×${width} input with padding ${padding.join('×')}: the output would be ${outHeight}×${outWidth}.`);
  }
  return { channels, height, width, stride, padding, dilation, outHeight, outWidth };
}

/**
 * out[o, y, x] = bias[o] + Σ_c Σ_i Σ_j input[c, y·sₕ − pₕ + i·dₕ, x·s_w − p_w + j·d_w] · weight[o, c, i, j],
 * with zeros outside the input. Input [C, H, W], weight [O, C, kH, kW], output [O, Hₒ, Wₒ].
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: ArrayLike<number> | null, options: ConvOptions = {}): Tensor {
  assertTensor(input, 3, 'The input');
  assertTensor(weight, 4, 'The weight');
  const [outChannels, inChannels, kh, kw] = weight.shape as [number, number, number, number];
  if (inChannels !== input.shape[0]) {
    throw new RangeError(`The weight expects ${inChannels} input channels, but the input has ${input.shape[0]}.`);
  }
  if (bias != null) {
    if (bias.length !== outChannels) throw new RangeError(`The bias needs ${outChannels} values, one per kernel, not ${bias.length}.`);
    for (let o = 0; o < outChannels; o++) if (!Number.isFinite(bias[o]!)) throw new RangeError(`The bias must be finite, but value ${o} is ${bias[o]}.`);
  }
  const g = geometry(input, [kh, kw], options);
  const sums = new Float64Array(outChannels * g.outHeight * g.outWidth);
  accumulate(sums, input.data, weight.data, bias ?? null, outChannels, inChannels, kh, kw, g);
  return { shape: [outChannels, g.outHeight, g.outWidth], data: input.data instanceof Float32Array ? Float32Array.from(sums) : sums };
}

/**
 * The hot loop of conv2d, with every size in a local variable (property lookups in the innermost loop cost more
 * than the arithmetic). For each kernel tap it adds one scaled, shifted copy of the input plane to the output.
 */
function accumulate(
  sums: Float64Array,
  x: Float32Array | Float64Array,
  w: Float32Array | Float64Array,
  bias: ArrayLike<number> | null,
  outChannels: number,
  inChannels: number,
  kh: number,
  kw: number,
  g: ReturnType<typeof geometry>,
): void {
  const { height, width, outHeight, outWidth } = g;
  const [sy, sx] = g.stride;
  const [py, px] = g.padding;
  const [dyStep, dxStep] = g.dilation;
  const plane = outHeight * outWidth;
  for (let o = 0; o < outChannels; o++) {
    const out = o * plane;
    if (bias !== null) sums.fill(bias[o]!, out, out + plane);
    for (let c = 0; c < inChannels; c++) {
      const channel = c * height * width;
      for (let i = 0; i < kh; i++) {
        const dy = i * dyStep - py;
        const taps = w.subarray(((o * inChannels + c) * kh + i) * kw, ((o * inChannels + c) * kh + i + 1) * kw);
        // Output columns for which every tap of this kernel row lands inside the image: no bounds tests there.
        const safeFirst = Math.max(0, Math.ceil(px / sx));
        const safeLast = Math.min(outWidth - 1, Math.floor((width - 1 + px - (kw - 1) * dxStep) / sx));
        for (let y = 0; y < outHeight; y++) {
          const iy = y * sy + dy;
          if (iy < 0 || iy >= height) continue;
          const row = channel + iy * width - px;
          const target = out + y * outWidth;
          for (let ox = safeFirst; ox <= safeLast; ox++) {
            let sum = 0;
            for (let j = 0, ix = row + ox * sx; j < kw; j++, ix += dxStep) sum += taps[j]! * x[ix]!;
            sums[target + ox]! += sum;
          }
          // The few columns near the edges, tap by tap.
          for (let ox = 0; ox < outWidth; ox++) {
            if (ox === safeFirst && safeLast >= safeFirst) ox = safeLast + 1;
            if (ox >= outWidth) break;
            let sum = 0;
            for (let j = 0; j < kw; j++) {
              const ix = ox * sx - px + j * dxStep;
              if (ix >= 0 && ix < width) sum += taps[j]! * x[channel + iy * width + ix]!;
            }
            sums[target + ox]! += sum;
          }
        }
      }
    }
  }
}

/**
 * The patch matrix of im2col: column (y·Wₒ + x) holds the C·kH·kW input values the kernel sees at output (y, x),
 * in the weight's (c, i, j) order, zeros where the window hangs over the padding. Shape [C·kH·kW, Hₒ·Wₒ].
 */
export function im2col(input: Tensor, kernel: Pair, options: ConvOptions = {}): Tensor {
  assertTensor(input, 3, 'The input');
  const [kh, kw] = pairOf(kernel, 1, 'The kernel size', 1);
  const g = geometry(input, [kh, kw], options);
  const columns = g.outHeight * g.outWidth;
  const data = new (input.data instanceof Float32Array ? Float32Array : Float64Array)(g.channels * kh * kw * columns);
  for (let c = 0; c < g.channels; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const row = (c * kh + i) * kw + j;
        for (let y = 0; y < g.outHeight; y++) {
          const iy = y * g.stride[0] - g.padding[0] + i * g.dilation[0];
          for (let x = 0; x < g.outWidth; x++) {
            const ix = x * g.stride[1] - g.padding[1] + j * g.dilation[1];
            const inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width;
            data[row * columns + y * g.outWidth + x] = inside ? input.data[(c * g.height + iy) * g.width + ix]! : 0;
          }
        }
      }
    }
  }
  return { shape: [g.channels * kh * kw, columns], data };
}

/** Matrix product of [m, n] and [n, p] tensors, in float64. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  assertTensor(a, 2, 'The left matrix');
  assertTensor(b, 2, 'The right matrix');
  const [m, n] = a.shape as [number, number];
  const [n2, p] = b.shape as [number, number];
  if (n !== n2) throw new RangeError(`Cannot multiply ${m}×${n} by ${n2}×${p}: inner sizes differ.`);
  const out = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a.data[i * n + k]!;
      for (let j = 0; j < p; j++) out[i * p + j]! += aik * b.data[k * p + j]!;
    }
  }
  return { shape: [m, p], data: out };
}

/**
 * Weights needed to connect a square image of `imageSide`² pixels to `hiddenUnits` units: fully connected; locally
 * connected with `window`² windows; with one shared window (convolution); and with `kernels` shared windows.
 */
export function parameterCounts(imageSide: number, hiddenUnits: number, window: number, kernels: number) {
  for (const [value, what] of [[imageSide, 'The image side'], [hiddenUnits, 'The number of hidden units'], [window, 'The window size'], [kernels, 'The number of kernels']] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a whole number ≥ 1, but is ${value}.`);
  }
  if (window > imageSide) throw new RangeError(`The window (${window}) cannot be larger than the image (${imageSide}).`);
  const pixels = imageSide * imageSide;
  const windowWeights = window * window;
  return {
    fullyConnected: pixels * hiddenUnits,
    locallyConnected: hiddenUnits * windowWeights,
    sharedWeights: windowWeights,
    multiKernel: windowWeights * kernels,
  };
}
