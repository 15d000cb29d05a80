import { svgElement } from './svg';

/** A linear map from a data interval to a pixel interval (either may be reversed). */
export const linear = (domain: readonly [number, number], range: readonly [number, number]) => (v: number): number =>
  range[0] + ((v - domain[0]) / (domain[1] - domain[0])) * (range[1] - range[0]);

/** An SVG path through points, skipping non-finite ones (the line breaks there). */
export function linePath(points: readonly (readonly [number, number])[]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * Axis lines with a few labelled ticks: x along the bottom edge, y along the left edge of the plot area. `titleAt`
 * moves the axis titles (x: how far below the axis; y: how far from the left edge) for a plot whose labels grow
 * large on a phone (lib/readable-svg.ts) and would otherwise touch the tick labels.
 */
export function axes(
  box: { left: number; right: number; top: number; bottom: number },
  xTicks: readonly { at: number; label: string }[],
  yTicks: readonly { at: number; label: string }[],
  titles: { x: string; y: string },
  titleAt: { xBelow?: number; yFromLeft?: number } = {},
): SVGElement[] {
  const parts: SVGElement[] = [
    svgElement('line', { x1: box.left, x2: box.right, y1: box.bottom, y2: box.bottom, class: 'plot-axis' }),
    svgElement('line', { x1: box.left, x2: box.left, y1: box.top, y2: box.bottom, class: 'plot-axis' }),
  ];
  for (const { at, label } of xTicks) {
    parts.push(svgElement('line', { x1: at, x2: at, y1: box.bottom, y2: box.bottom + 4, class: 'plot-axis' }));
    // A label at either end is aligned to it (right end: right-aligned), so it never runs past the edge of the
    // drawing nor into the y axis's lowest label.
    const anchor = at >= box.right - 1 ? 'end' : at <= box.left + 1 ? 'start' : 'middle';
    parts.push(svgElement('text', { x: at, y: box.bottom + 16, 'text-anchor': anchor, class: 'plot-tick' }, label));
  }
  for (const { at, label } of yTicks) {
    parts.push(svgElement('line', { x1: box.left - 4, x2: box.left, y1: at, y2: at, class: 'plot-axis' }));
    parts.push(svgElement('text', { x: box.left - 6, y: at + 4, 'text-anchor': 'end', class: 'plot-tick' }, label));
  }
  // The rotated y title's glyphs reach 11 px left of its baseline at 12 px: at 16 they keep 5 px from the drawing's
  // edge (at 12 they kept 1 px, and a run once found one past it), and leave room for tick labels ending 6 px left
  // of a plot area that starts at 52.
  const { xBelow = 32, yFromLeft = 16 } = titleAt;
  parts.push(svgElement('text', { x: (box.left + box.right) / 2, y: box.bottom + xBelow, 'text-anchor': 'middle', class: 'plot-title' }, titles.x));
  parts.push(svgElement('text', { x: yFromLeft, y: (box.top + box.bottom) / 2, 'text-anchor': 'middle', class: 'plot-title', transform: `rotate(-90 ${yFromLeft} ${(box.top + box.bottom) / 2})` }, titles.y));
  return parts;
}
