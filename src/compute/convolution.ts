/**
 * 2-D convolution as deep-learning frameworks define it: cross-correlation (the kernel is not flipped), zero
 * padding, stride and dilation per axis, PyTorch's output sizes. Float64 inputs are computed in float64
 * throughout. Float32 inputs give Float32 outputs: each channel's window sum is formed in float64 and rounded to
 * float32 once, when it is added to the output (so a one-channel result is the float64 sum, correctly rounded).
 */
import { convOutputSize, pairOf, type Pair } from './shapes.ts';
import { assertTensor, type Tensor } from './tensor.ts';
import { assertWholeNumber } from './checks.ts';

/** Stride, padding and dilation of a convolution, each one value or [height, width]. */
export interface ConvOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  /**
   * conv2d only: an array to write the output into, of the input's type and the output's length, instead of a new
   * one. Allocating large arrays is slow on some machines (the first write to each fresh page faults), so a widget
   * that recomputes often keeps its buffers.
   */
  out?: Float32Array | Float64Array;
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
    throw new RangeError(`The ${kernel.join('×')} kernel (dilation ${dilation.join('×')}) does not fit the ${height}×${width} input with padding ${padding.join('×')}: the output would be ${Math.max(0, outHeight)}×${Math.max(0, outWidth)}.`);
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
  // At most one allocation, of the output's own type: a float64 buffer plus a float32 copy cost more than the sums.
  const length = outChannels * g.outHeight * g.outWidth;
  const sums = options.out ?? new (input.data instanceof Float32Array ? Float32Array : Float64Array)(length);
  if (options.out) {
    if (options.out.length !== length || options.out instanceof Float32Array !== input.data instanceof Float32Array) {
      throw new RangeError(`The output buffer must be a ${input.data instanceof Float32Array ? 'Float32Array' : 'Float64Array'} of length ${length}.`);
    }
    if (bias == null) options.out.fill(0);
  }
  accumulate(sums, input.data, weight.data, bias ?? null, outChannels, inChannels, kh, kw, g);
  return { shape: [outChannels, g.outHeight, g.outWidth], data: sums };
}

/**
 * The hot loop of conv2d. Inside the "interior" — outputs whose whole window lies in the image — each output is one
 * sum over the kernel's taps with no bounds tests, written out term by term for 3×3 kernels (the commonest size;
 * keeping the nine weights in registers is several times faster than a loop over a weight array). The few outputs
 * near the edges, whose windows overlap the padding, are summed tap by tap with bounds tests.
 */
function accumulate(
  sums: Float32Array | Float64Array,
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
  const [dy, dx] = g.dilation;
  const plane = outHeight * outWidth;
  const taps = kh * kw;
  // Offset of each tap from its window's top-left input value, in the flat input.
  const offsets = new Int32Array(taps);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) offsets[i * kw + j] = i * dy * width + j * dx;
  const interior = {
    yFirst: Math.max(0, Math.ceil(py / sy)),
    yLast: Math.min(outHeight - 1, Math.floor((height - 1 + py - (kh - 1) * dy) / sy)),
    xFirst: Math.max(0, Math.ceil(px / sx)),
    xLast: Math.min(outWidth - 1, Math.floor((width - 1 + px - (kw - 1) * dx) / sx)),
  };
  const weights = new Float64Array(taps);
  for (let o = 0; o < outChannels; o++) {
    const out = o * plane;
    if (bias !== null) sums.fill(bias[o]!, out, out + plane);
    for (let c = 0; c < inChannels; c++) {
      const channel = c * height * width;
      for (let t = 0; t < taps; t++) weights[t] = w[(o * inChannels + c) * taps + t]!;
      if (interior.yFirst <= interior.yLast && interior.xFirst <= interior.xLast) {
        // The first channel's interior sums can overwrite what is there when there is no bias to start from.
        const overwrite = c === 0 && bias === null;
        if (kh === 3 && kw === 3 && sums instanceof Float32Array && x instanceof Float32Array) interior3x3Float32(sums, x, weights, out, channel, g, interior, overwrite);
        else if (kh === 3 && kw === 3 && sums instanceof Float64Array && x instanceof Float64Array) interior3x3Float64(sums, x, weights, out, channel, g, interior, overwrite);
        else interiorAnySize(sums, x, weights, offsets, out, channel, g, interior);
      }
      edges(sums, x, weights, out, channel, kh, kw, g, interior);
    }
  }
}

type Interior = { yFirst: number; yLast: number; xFirst: number; xLast: number };

/** Interior outputs of a 3×3 kernel on float32 data, the nine products written out. */
function interior3x3Float32(sums: Float32Array, x: Float32Array, w: Float64Array, out: number, channel: number, g: ReturnType<typeof geometry>, r: Interior, overwrite: boolean): void {
  const { width, outWidth } = g;
  const [sy, sx] = g.stride;
  const [py, px] = g.padding;
  const [dy, dx] = g.dilation;
  const [w0, w1, w2, w3, w4, w5, w6, w7, w8] = [w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, w[8]!];
  const row1 = dy * width;
  const row2 = 2 * dy * width;
  const col2 = 2 * dx;
  for (let y = r.yFirst; y <= r.yLast; y++) {
    let s = channel + (y * sy - py) * width + r.xFirst * sx - px;
    const end = out + y * outWidth + r.xLast;
    for (let t = out + y * outWidth + r.xFirst; t <= end; t++, s += sx) {
      const sum =
        w0 * x[s]! + w1 * x[s + dx]! + w2 * x[s + col2]! +
        w3 * x[s + row1]! + w4 * x[s + row1 + dx]! + w5 * x[s + row1 + col2]! +
        w6 * x[s + row2]! + w7 * x[s + row2 + dx]! + w8 * x[s + row2 + col2]!;
      sums[t] = overwrite ? sum : sums[t]! + sum;
    }
  }
}

/**
 * The same for float64 data. Deliberately a second copy: engines optimise a loop for the array types it has seen,
 * and one copy fed both float32 (image playground) and float64 (other widgets on the same page) ran the
 * playground's update about a quarter slower (npm run bench).
 */
function interior3x3Float64(sums: Float64Array, x: Float64Array, w: Float64Array, out: number, channel: number, g: ReturnType<typeof geometry>, r: Interior, overwrite: boolean): void {
  const { width, outWidth } = g;
  const [sy, sx] = g.stride;
  const [py, px] = g.padding;
  const [dy, dx] = g.dilation;
  const [w0, w1, w2, w3, w4, w5, w6, w7, w8] = [w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, w[8]!];
  const row1 = dy * width;
  const row2 = 2 * dy * width;
  const col2 = 2 * dx;
  for (let y = r.yFirst; y <= r.yLast; y++) {
    let s = channel + (y * sy - py) * width + r.xFirst * sx - px;
    const end = out + y * outWidth + r.xLast;
    for (let t = out + y * outWidth + r.xFirst; t <= end; t++, s += sx) {
      const sum =
        w0 * x[s]! + w1 * x[s + dx]! + w2 * x[s + col2]! +
        w3 * x[s + row1]! + w4 * x[s + row1 + dx]! + w5 * x[s + row1 + col2]! +
        w6 * x[s + row2]! + w7 * x[s + row2 + dx]! + w8 * x[s + row2 + col2]!;
      sums[t] = overwrite ? sum : sums[t]! + sum;
    }
  }
}

/** Interior outputs of any kernel: one loop over the taps' precomputed offsets. */
function interiorAnySize(sums: Float32Array | Float64Array, x: Float32Array | Float64Array, w: Float64Array, offsets: Int32Array, out: number, channel: number, g: ReturnType<typeof geometry>, r: Interior): void {
  const { width, outWidth } = g;
  const [sy, sx] = g.stride;
  const [py, px] = g.padding;
  const taps = offsets.length;
  for (let y = r.yFirst; y <= r.yLast; y++) {
    let s = channel + (y * sy - py) * width + r.xFirst * sx - px;
    const end = out + y * outWidth + r.xLast;
    for (let t = out + y * outWidth + r.xFirst; t <= end; t++, s += sx) {
      let sum = 0;
      for (let k = 0; k < taps; k++) sum += w[k]! * x[s + offsets[k]!]!;
      sums[t]! += sum;
    }
  }
}

/** Outputs outside the interior (their windows overlap the padding): tap by tap, skipping taps outside the image. */
function edges(sums: Float32Array | Float64Array, x: Float32Array | Float64Array, w: Float64Array, out: number, channel: number, kh: number, kw: number, g: ReturnType<typeof geometry>, r: Interior): void {
  const { height, width, outHeight, outWidth } = g;
  const [sy, sx] = g.stride;
  const [py, px] = g.padding;
  const [dy, dx] = g.dilation;
  const hasInterior = r.yFirst <= r.yLast && r.xFirst <= r.xLast;
  for (let y = 0; y < outHeight; y++) {
    const rowInside = hasInterior && y >= r.yFirst && y <= r.yLast;
    for (let ox = 0; ox < outWidth; ox++) {
      if (rowInside && ox === r.xFirst) ox = r.xLast + 1; // the interior is done
      if (ox >= outWidth) break;
      let sum = 0;
      for (let i = 0; i < kh; i++) {
        const iy = y * sy - py + i * dy;
        if (iy < 0 || iy >= height) continue;
        for (let j = 0; j < kw; j++) {
          const ix = ox * sx - px + j * dx;
          if (ix >= 0 && ix < width) sum += w[i * kw + j]! * x[channel + iy * width + ix]!;
        }
      }
      sums[out + y * outWidth + ox]! += sum;
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
    assertWholeNumber(value, what, 1);
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
