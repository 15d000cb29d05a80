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

/** Axis lines with a few labelled ticks: x along the bottom edge, y along the left edge of the plot area. */
export function axes(
  box: { left: number; right: number; top: number; bottom: number },
  xTicks: readonly { at: number; label: string }[],
  yTicks: readonly { at: number; label: string }[],
  titles: { x: string; y: string },
): SVGElement[] {
  const parts: SVGElement[] = [
    svgElement('line', { x1: box.left, x2: box.right, y1: box.bottom, y2: box.bottom, class: 'plot-axis' }),
    svgElement('line', { x1: box.left, x2: box.left, y1: box.top, y2: box.bottom, class: 'plot-axis' }),
  ];
  for (const { at, label } of xTicks) {
    parts.push(svgElement('line', { x1: at, x2: at, y1: box.bottom, y2: box.bottom + 4, class: 'plot-axis' }));
    // A label at the right end is right-aligned to it, so it never runs past the edge of the drawing.
    parts.push(svgElement('text', { x: at, y: box.bottom + 16, 'text-anchor': at >= box.right - 1 ? 'end' : 'middle', class: 'plot-tick' }, label));
  }
  for (const { at, label } of yTicks) {
    parts.push(svgElement('line', { x1: box.left - 4, x2: box.left, y1: at, y2: at, class: 'plot-axis' }));
    parts.push(svgElement('text', { x: box.left - 6, y: at + 4, 'text-anchor': 'end', class: 'plot-tick' }, label));
  }
  parts.push(svgElement('text', { x: (box.left + box.right) / 2, y: box.bottom + 32, 'text-anchor': 'middle', class: 'plot-title' }, titles.x));
  parts.push(svgElement('text', { x: 12, y: (box.top + box.bottom) / 2, 'text-anchor': 'middle', class: 'plot-title', transform: `rotate(-90 12 ${(box.top + box.bottom) / 2})` }, titles.y));
  return parts;
}
