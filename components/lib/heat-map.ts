/**
 * Paints a non-negative map (an effective receptive field) as a heat image on a canvas, with squares outlined over
 * it: black for 0 through purple and orange to pale yellow at the map's maximum (an inferno-like ramp that reads in
 * both themes and in grey), squares in two contrasting strokes so they show on dark and light pixels alike.
 */

/** The ramp's stops: [position, r, g, b]. */
const RAMP = [
  [0, 0, 0, 4],
  [0.25, 87, 16, 110],
  [0.5, 188, 55, 84],
  [0.75, 249, 142, 9],
  [1, 252, 255, 164],
] as const;

/** The ramp's colour at t in [0, 1], as 0xAABBGGRR for an ImageData word. */
function rampWord(t: number): number {
  const upper = RAMP.findIndex(([at]) => at >= t);
  const [a, b] = upper <= 0 ? [RAMP[0], RAMP[0]] : [RAMP[upper - 1]!, RAMP[upper]!];
  const f = b[0] === a[0] ? 0 : (t - a[0]) / (b[0] - a[0]);
  const channel = (k: 1 | 2 | 3) => Math.round(a[k] + f * (b[k] - a[k]));
  return 0xff000000 | (channel(3) << 16) | (channel(2) << 8) | channel(1);
}

/** A square to outline: its side and centre (row, column) in map pixels, solid or dashed. */
export interface Outline {
  side: number;
  centre: readonly [number, number];
  dashed?: boolean;
}

/**
 * Draws `map` ([size × size], row-major) scaled by `scale` canvas pixels per map pixel, brightness ∝ value / max
 * (a square root first, so the faint tails show), then each outline.
 */
export function paintHeat(canvas: HTMLCanvasElement, map: ArrayLike<number>, size: number, scale: number, outlines: readonly Outline[] = []): void {
  const side = size * scale;
  if (canvas.width !== side || canvas.height !== side) Object.assign(canvas, { width: side, height: side });
  const context = canvas.getContext('2d')!;
  let max = 0;
  for (let i = 0; i < map.length; i++) max = Math.max(max, map[i]!);
  const image = new ImageData(size, size);
  const words = new Uint32Array(image.data.buffer);
  for (let i = 0; i < size * size; i++) words[i] = rampWord(max > 0 ? Math.sqrt(map[i]! / max) : 0);
  // Draw at one pixel per map pixel, then scale up without smoothing.
  const small = new OffscreenCanvas(size, size);
  small.getContext('2d')!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(small, 0, 0, side, side);
  for (const { side: s, centre, dashed } of outlines) {
    const x = (centre[1] - (s - 1) / 2) * scale;
    const y = (centre[0] - (s - 1) / 2) * scale;
    context.setLineDash(dashed ? [6, 4] : []);
    context.lineWidth = 3;
    context.strokeStyle = '#000000';
    context.strokeRect(x, y, s * scale, s * scale);
    context.lineWidth = 1.5;
    context.strokeStyle = dashed ? '#7fe3ff' : '#ffffff';
    context.strokeRect(x, y, s * scale, s * scale);
  }
  context.setLineDash([]);
}
