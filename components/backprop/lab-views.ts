/** Drawing the CNN lab's results: curves, confusion matrix, grey-level images of digits, maps and filters. */
import { toGrayLevels } from '../../src/compute';
import { formatNumber } from '../lib/format';
import { svgElement } from '../lib/svg';
import { setViewBox } from '../lib/readable-svg';
import { axes, linear, linePath } from '../lib/plot';
import type { CurvePoint } from './lab-protocol';

/** Paints values as grey levels into a canvas of their size (toGrayLevels decides the scale: [0, 1], signed, or max). */
export function paintGrey(canvas: HTMLCanvasElement, values: ArrayLike<number>, width: number, height: number): void {
  if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
  const { levels } = toGrayLevels(values);
  const image = new ImageData(width, height);
  const words = new Uint32Array(image.data.buffer);
  for (let i = 0; i < levels.length; i++) words[i] = 0xff000000 | (levels[i]! * 0x010101);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

/** A captioned small image: grey levels of `values` (width × height), its caption, and a label for screen readers. */
export interface FigureItem {
  values: ArrayLike<number>;
  width: number;
  height: number;
  caption: string;
  label: string;
}

/** A captioned small image in a figure. */
export function figureOf({ values, width, height, caption, label }: FigureItem): HTMLElement {
  const figure = document.createElement('figure');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  paintGrey(canvas, values, width, height);
  figure.append(canvas, Object.assign(document.createElement('figcaption'), { textContent: caption }));
  return figure;
}

/**
 * Shows `items` as the figures of `holder`, repainting the figures already there and adding or removing only the
 * difference. A new canvas costs the page a frame or more when many arrive at once (measured: 58 new canvases
 * 50–70 ms of main-thread work, repainting 58 existing ones nothing measurable), and the lab redraws these on every
 * test evaluation while it trains.
 */
export function showFigures(holder: HTMLElement, items: readonly FigureItem[]): void {
  for (const stray of [...holder.children].filter((child) => child.tagName !== 'FIGURE')) stray.remove();
  items.forEach((item, k) => {
    const figure = holder.children[k];
    if (!figure) return void holder.append(figureOf(item));
    const canvas = figure.querySelector('canvas')!;
    paintGrey(canvas, item.values, item.width, item.height);
    canvas.setAttribute('aria-label', item.label);
    figure.querySelector('figcaption')!.textContent = item.caption;
  });
  while (holder.children.length > items.length) holder.lastElementChild!.remove();
}

/**
 * Training loss (left scale, nats) and training and test accuracy (right scale, 80–100 %) against epochs. The plot is
 * drawn in CSS pixels at the SVG's own width, `shownWidth` (from watchWidth; 0 before the first layout), so its 12 px
 * labels stay 12 px on a phone. Measuring it here instead would force a layout at every progress report.
 */
export function drawCurves(svg: SVGSVGElement, shownWidth: number, points: readonly CurvePoint[], tests: readonly { epoch: number; accuracy: number }[]): void {
  const width = Math.round(Math.min(640, Math.max(300, shownWidth || 560)));
  const height = 240;
  setViewBox(svg, width, height);
  // 52 from the left, as axes() expects: its middle tick label ("0.25") sits level with the rotated title.
  const box = { left: 52, right: width - 40, top: 10, bottom: height - 44 };
  const maxEpoch = Math.max(1, Math.ceil(Math.max(0, ...points.map((p) => p.epoch), ...tests.map((t) => t.epoch))));
  const maxLoss = Math.max(0.5, Math.ceil(Math.max(0, ...points.map((p) => p.loss)) * 2) / 2);
  const sx = linear([0, maxEpoch], [box.left, box.right]);
  const sLoss = linear([0, maxLoss], [box.bottom, box.top]);
  const sAcc = linear([0.8, 1], [box.bottom, box.top]);
  // About one tick per 50 px: whole epochs only.
  const tickCount = Math.max(1, Math.min(maxEpoch, Math.floor((box.right - box.left) / 50)));
  const xTicks = Array.from({ length: tickCount + 1 }, (_, k) => Math.round((k * maxEpoch) / tickCount)).map((e) => ({ at: sx(e), label: String(e) }));
  const parts = axes(box, xTicks, [0, maxLoss / 2, maxLoss].map((v) => ({ at: sLoss(v), label: formatNumber(v, 3) })), { x: 'epoch', y: 'loss (nats)' });
  for (const v of [0.8, 0.9, 1]) parts.push(svgElement('text', { x: box.right + 4, y: sAcc(v) + 4, class: 'plot-tick' }, `${Math.round(v * 100)}%`));
  parts.push(svgElement('path', { d: linePath(points.map((p) => [sx(p.epoch), sLoss(p.loss)])), class: 'plot-line series-2' }));
  parts.push(svgElement('path', { d: linePath(points.map((p) => [sx(p.epoch), sAcc(Math.max(0.8, p.trainAccuracy))])), class: 'plot-line series-1', 'stroke-dasharray': '6 3' }));
  parts.push(svgElement('path', { d: linePath(tests.map((t) => [sx(t.epoch), sAcc(Math.max(0.8, t.accuracy))])), class: 'plot-line series-3' }));
  for (const t of tests) parts.push(svgElement('circle', { cx: sx(t.epoch), cy: sAcc(Math.max(0.8, t.accuracy)), r: 4, class: 'plot-point-test' }));
  svg.replaceChildren(...parts);
}

/**
 * Shows each spatial layer's first `shown` maps (ReLU's are skipped: they repeat the layer before, clipped at 0) in
 * `holder`, one row per layer. When the layers and sizes are those already shown, the canvases are repainted in
 * place (see showFigures: new canvases cost frames while the lab trains); otherwise the rows are built anew.
 */
export function showMaps(holder: HTMLElement, maps: readonly { name: string; shape: number[]; data: Float64Array }[], shown: number): void {
  const spatial = maps.map((map, layer) => ({ ...map, layer })).filter((map) => map.shape.length === 3 && !map.name.startsWith('relu'));
  // Names, shapes and positions in the network: each canvas carries its layer's position (the unit picker reads it).
  const layout = spatial.map((map) => `${map.layer}:${map.name} ${map.shape.join('×')}`).join(', ');
  const count = spatial.reduce((sum, map) => sum + Math.min(map.shape[0]!, shown), 0);
  const existing = [...holder.querySelectorAll('canvas')];
  const canvases = holder.dataset['layout'] === layout && existing.length === count ? existing : null;
  if (!canvases) holder.replaceChildren();
  holder.dataset['layout'] = layout;
  let next = 0;
  for (const { name, shape, data, layer } of spatial) {
    const [channels, h, w] = shape as [number, number, number];
    let images: HTMLElement | null = null;
    if (!canvases) {
      const row = Object.assign(document.createElement('div'), { className: 'lab-map-row' });
      const title = Object.assign(document.createElement('p'), { textContent: `${name} · ${channels}×${h}×${w}${channels > shown ? ` (first ${shown})` : ''}` });
      images = document.createElement('div');
      row.append(title, images);
      holder.append(row);
    }
    for (let c = 0; c < Math.min(channels, shown); c++) {
      let canvas = canvases?.[next++];
      if (!canvas) {
        // Building anew (canvases is null), so `images` is this layer's new row.
        canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Map ${c + 1} of ${name}, ${h}×${w}`);
        Object.assign(canvas.dataset, { layer: String(layer + 1), size: `${h} ${w}` });
        images!.append(canvas);
      }
      paintGrey(canvas, data.subarray(c * h * w, (c + 1) * h * w), w, h);
    }
  }
}

/**
 * The input digit with a unit's receptive field: outside it the pixels are dimmed, and a frame (two colours, so it
 * shows on black and white ink) marks its edge. `field` is [top, bottom, left, right], inclusive, may leave the image.
 */
export function paintField(canvas: HTMLCanvasElement, pixels: Uint8Array, field: readonly [number, number, number, number]): void {
  const scale = 8;
  Object.assign(canvas, { width: 28 * scale, height: 28 * scale });
  const context = canvas.getContext('2d')!;
  const [top, bottom, left, right] = field;
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      const inside = r >= top && r <= bottom && c >= left && c <= right;
      const level = Math.round(pixels[r * 28 + c]! * (inside ? 1 : 0.3));
      context.fillStyle = `rgb(${level},${level},${level})`;
      context.fillRect(c * scale, r * scale, scale, scale);
    }
  }
  const [x0, y0] = [Math.max(0, left) * scale, Math.max(0, top) * scale];
  const [x1, y1] = [(Math.min(27, right) + 1) * scale, (Math.min(27, bottom) + 1) * scale];
  context.lineWidth = 3;
  context.strokeStyle = '#ffd400';
  context.strokeRect(x0 + 1.5, y0 + 1.5, x1 - x0 - 3, y1 - y0 - 3);
  context.lineWidth = 1;
  context.strokeStyle = '#d40000';
  context.strokeRect(x0 + 3.5, y0 + 3.5, x1 - x0 - 7, y1 - y0 - 7);
}

/** The 10 × 10 confusion matrix as table rows, the diagonal in bold, each cell shaded by its share of its row. */
export function renderConfusion(body: HTMLElement, confusion: Int32Array): void {
  body.replaceChildren(
    ...Array.from({ length: 10 }, (_, truth) => {
      const row = document.createElement('tr');
      row.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: String(truth) }));
      const total = confusion.slice(truth * 10, truth * 10 + 10).reduce((a, b) => a + b, 0) || 1;
      for (let said = 0; said < 10; said++) {
        const count = confusion[truth * 10 + said]!;
        const cell = Object.assign(document.createElement('td'), { textContent: String(count) });
        cell.className = 'heat';
        cell.dataset['sign'] = 'positive';
        cell.style.setProperty('--heat', `${Math.round((count / total) * 60)}%`);
        if (said === truth) cell.dataset['diagonal'] = '';
        row.append(cell);
      }
      return row;
    }),
  );
}

/** Shows the first convolution's kernels as captioned images (or a note when the network has none). */
export function showFilters(holder: HTMLElement, filters: { shape: number[]; data: Float64Array } | null): void {
  if (!filters) return void holder.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'This network has no convolution.' }));
  const [count, h, w] = filters.shape as [number, number, number];
  showFigures(holder, Array.from({ length: count }, (_, k) => ({ values: filters.data.subarray(k * h * w, (k + 1) * h * w), width: w, height: h, caption: `kernel ${k + 1}`, label: `Kernel ${k + 1} of the first convolution` })));
}

type CheckRow = { name: string; backprop: number; numeric: number };
const relativeDifference = (r: CheckRow) => Math.abs(r.backprop - r.numeric) / Math.max(1e-12, Math.abs(r.backprop) + Math.abs(r.numeric));

/** The largest relative difference between backprop and central differences. */
export const worstDifference = (rows: readonly CheckRow[]): number => Math.max(...rows.map(relativeDifference));

/** The gradient check as table rows: a header, then per parameter backprop, central differences, their relative difference. */
export function gradcheckRows(rows: readonly CheckRow[]): HTMLTableRowElement[] {
  const cells = (tag: 'th' | 'td', texts: string[]) => {
    const row = document.createElement('tr');
    texts.forEach((text) => row.append(Object.assign(document.createElement(tag), { textContent: text, ...(tag === 'th' ? { scope: 'col' } : {}) })));
    return row;
  };
  return [cells('th', ['parameter', 'backprop', 'central differences', 'relative difference']), ...rows.map((r) => cells('td', [r.name, formatNumber(r.backprop, 6), formatNumber(r.numeric, 6), formatNumber(relativeDifference(r), 2)]))];
}
