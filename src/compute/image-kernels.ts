/**
 * Classic image-processing kernels and the small conversions the image playground needs around conv2d: colour to
 * grey, ReLU, and feature map to displayable grey levels. Pure arrays in, arrays out: no canvas here.
 */
import type { Tensor } from './tensor.ts';

/** A named square kernel, row-major. */
export interface ImageKernel {
  label: string;
  size: number;
  values: readonly number[];
}

const third = 1 / 9;

/** The kernels every image-processing course starts with. Each is as in the textbooks; the tests check their sums. */
export const imageKernels = {
  identity: { label: 'Identity', size: 3, values: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
  box: { label: 'Box blur', size: 3, values: [third, third, third, third, third, third, third, third, third] },
  // Binomial weights approximate a Gaussian with σ ≈ 0.85 (3×3) and σ = 1 (5×5).
  gaussian: { label: 'Gaussian blur', size: 3, values: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16) },
  gaussian5: { label: 'Gaussian blur 5×5', size: 5, values: [1, 4, 6, 4, 1].flatMap((a) => [1, 4, 6, 4, 1].map((b) => (a * b) / 256)) },
  sharpen: { label: 'Sharpen', size: 3, values: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  sobelX: { label: 'Sobel x', size: 3, values: [-1, 0, 1, -2, 0, 2, -1, 0, 1] },
  sobelY: { label: 'Sobel y', size: 3, values: [-1, -2, -1, 0, 0, 0, 1, 2, 1] },
  laplacian: { label: 'Laplacian', size: 3, values: [0, 1, 0, 1, -4, 1, 0, 1, 0] },
  emboss: { label: 'Emboss', size: 3, values: [-2, -1, 0, -1, 1, 1, 0, 1, 2] },
} as const satisfies Record<string, ImageKernel>;

/** Names of the preset kernels, in the order the playground lists them. */
export type ImageKernelName = keyof typeof imageKernels;

/**
 * RGBA bytes (as from a canvas) → a [1, H, W] float32 luminance image in [0, 1], with the ITU-R BT.601 weights
 * 0.299 R + 0.587 G + 0.114 B. Alpha is ignored.
 */
export function grayscale(rgba: ArrayLike<number>, width: number, height: number): Tensor {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`The image size must be whole numbers ≥ 1, but is ${width}×${height}.`);
  }
  if (rgba.length !== width * height * 4) throw new RangeError(`A ${width}×${height} RGBA image has ${width * height * 4} bytes, not ${rgba.length}.`);
  const data = new Float32Array(width * height);
  for (let p = 0; p < data.length; p++) data[p] = (0.299 * rgba[4 * p]! + 0.587 * rgba[4 * p + 1]! + 0.114 * rgba[4 * p + 2]!) / 255;
  return { shape: [1, height, width], data };
}

/** max(0, x) elementwise, in a new tensor of the same type (or in place, when `inPlace` is set). */
export function relu(tensor: Tensor, inPlace = false): Tensor {
  const data = inPlace ? tensor.data : tensor.data.slice();
  for (let i = 0; i < data.length; i++) if (data[i]! < 0) data[i] = 0;
  return { shape: [...tensor.shape], data };
}

/**
 * Maps feature-map values to grey levels 0–255 for display, and says how. Maps with values inside [0, 1] (blurs,
 * the identity, ReLU of small responses) are shown as is, so they look like the photo; maps with negative values are
 * centred on mid-grey (0 → 128) and scaled by the largest magnitude, so sign is visible; other maps are scaled by
 * their maximum. `out`, if given, receives the levels instead of a new array.
 */
export function toGrayLevels(values: ArrayLike<number>, out?: Uint8ClampedArray): { levels: Uint8ClampedArray; min: number; max: number; scale: 'unit' | 'signed' | 'max' } {
  let min = Infinity;
  let max = -Infinity;
  let probe = 0; // x·0 is NaN exactly when x is not finite
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    probe += v * 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (probe !== 0) {
    const i = Array.prototype.findIndex.call(values, (v: number) => !Number.isFinite(v));
    throw new RangeError(`Value ${i} of the feature map is ${values[i]}, not a finite number.`);
  }
  // Assigning to a Uint8ClampedArray rounds to the nearest level (ties to even) and clamps: no Math.round needed.
  if (out && out.length !== values.length) throw new RangeError(`The output buffer has ${out.length} levels for ${values.length} values.`);
  const levels = out ?? new Uint8ClampedArray(values.length);
  const scale = min >= 0 && max <= 1 ? 'unit' : min < 0 ? 'signed' : 'max';
  const offset = scale === 'signed' ? 128 : 0;
  const factor = scale === 'unit' ? 255 : scale === 'signed' ? 127 / Math.max(-min, max) : 255 / max;
  for (let i = 0; i < values.length; i++) levels[i] = offset + values[i]! * factor;
  return { levels, min, max, scale };
}
