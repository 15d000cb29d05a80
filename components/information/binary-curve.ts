import { entropy } from '../../src/compute';

/** The plot's viewBox and the plotting area inside it. */
export const CURVE_BOX = { width: 360, height: 212, left: 44, right: 344, top: 12, bottom: 168 } as const;

/** Position in the viewBox of the point (b, H) with H in bits (0 to 1). */
export function curvePoint(b: number, h: number): { x: number; y: number } {
  const x = CURVE_BOX.left + b * (CURVE_BOX.right - CURVE_BOX.left);
  const y = CURVE_BOX.bottom - h * (CURVE_BOX.bottom - CURVE_BOX.top);
  return { x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100 };
}

/** The SVG path of the binary entropy curve (200 segments, values from `entropy`) and the point for `bias`. */
export function binaryCurve(bias: number): { path: string; pointX: number; pointY: number } {
  const steps = 200;
  const path = Array.from({ length: steps + 1 }, (_, i) => {
    const b = i / steps;
    const { x, y } = curvePoint(b, entropy([b, 1 - b]));
    return `${i === 0 ? 'M' : 'L'}${x} ${y}`;
  }).join('');
  const { x, y } = curvePoint(bias, entropy([bias, 1 - bias]));
  return { path, pointX: x, pointY: y };
}
