import type { WindowTerm } from '../../src/compute';
import { formatNumber } from '../lib/format';
import { svgElement } from '../lib/svg';
import { setViewBox } from '../lib/readable-svg';

/** Side of one cell, in SVG units. */
const CELL = 34;
/** Room for the row and column indices. */
const MARGIN = 22;

/**
 * Draws one input channel with its zero-padding ring (dashed cells showing 0), and the kernel's taps on it: each
 * tapped cell outlined, tinted and labelled with its weight ("×w"), so the window is visible without colour too.
 * Rows and columns are numbered in input coordinates (negative in the top and left padding).
 */
export function drawPaddedInput(
  svg: SVGSVGElement,
  input: { values: ArrayLike<number>; rows: number; cols: number },
  padding: readonly [number, number],
  taps: readonly WindowTerm[],
): void {
  const [py, px] = padding;
  const totalRows = input.rows + 2 * py;
  const totalCols = input.cols + 2 * px;
  setViewBox(svg, MARGIN + totalCols * CELL + 2, MARGIN + totalRows * CELL + 2);
  const tapAt = new Map(taps.map((t) => [`${t.row},${t.col}`, t]));
  const parts: SVGElement[] = [];
  for (let r = -py; r < input.rows + py; r++) {
    parts.push(svgElement('text', { x: MARGIN - 4, y: MARGIN + (r + py + 0.5) * CELL + 4, class: 'conv-index', 'text-anchor': 'end' }, String(r)));
  }
  for (let c = -px; c < input.cols + px; c++) {
    parts.push(svgElement('text', { x: MARGIN + (c + px + 0.5) * CELL, y: MARGIN - 7, class: 'conv-index', 'text-anchor': 'middle' }, String(c)));
  }
  for (let r = -py; r < input.rows + py; r++) {
    for (let c = -px; c < input.cols + px; c++) {
      const inside = r >= 0 && r < input.rows && c >= 0 && c < input.cols;
      const x = MARGIN + (c + px) * CELL;
      const y = MARGIN + (r + py) * CELL;
      const tap = tapAt.get(`${r},${c}`);
      const classes = ['conv-cell', inside ? '' : 'conv-pad', tap ? 'conv-tap' : ''].filter(Boolean).join(' ');
      parts.push(svgElement('rect', { x: x + 1, y: y + 1, width: CELL - 2, height: CELL - 2, rx: 3, class: classes }));
      const value = inside ? input.values[r * input.cols + c]! : 0;
      parts.push(svgElement('text', { x: x + CELL / 2, y: y + (tap ? 15 : 21), class: 'conv-value', 'text-anchor': 'middle' }, formatNumber(value, 3)));
      if (tap) parts.push(svgElement('text', { x: x + CELL / 2, y: y + 29, class: 'conv-weight', 'text-anchor': 'middle' }, `×${formatNumber(tap.weight, 3)}`));
    }
  }
  svg.replaceChildren(...parts);
}

/** One line per term and the total: "2·1 + 3·0 + … = −4", with padding taps written as 0. */
export function productsText(terms: readonly WindowTerm[], total: number, bias = 0): string {
  const written = terms.map((t) => `${formatNumber(t.value, 3)}·${wrapNegative(formatNumber(t.weight, 3))}`);
  if (bias !== 0) written.push(`${formatNumber(bias, 3)} (bias)`);
  return `${written.join(' + ')} = ${formatNumber(total, 4)}`;
}

const wrapNegative = (text: string): string => (text.startsWith('−') ? `(${text})` : text);
