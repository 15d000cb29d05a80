/**
 * The lab's "inside the network" panel, drawn from what the worker reports: each layer's maps of a test digit, which
 * maps a unit is picked in, the unit's theoretical receptive field framed on the digit, and its effective receptive
 * field before and after training. Functions of the widget's element and data; no state of their own.
 */
import { analyze, receptiveFieldRegion, type Network } from '../../src/compute';
import { formatNumber, formatRange } from '../lib/format';
import { paintHeat } from '../lib/heat-map';
import { paintField, showMaps } from './lab-views';
import type { LabReport } from './lab-protocol';

type Inspection = Extract<LabReport, { type: 'inspection' }>;
type ErfReport = Extract<LabReport, { type: 'erf' }>;
/** Feature maps shown per layer (the rest are summarised). */
const MAPS_SHOWN = 8;

const find = <E extends Element = HTMLElement>(root: Element, role: string): E => root.querySelector<E>(`[data-role="${role}"]`)!;

/** The caption and each layer's maps; a reader moving through a map with the keyboard keeps their place. */
export function renderInside(root: Element, report: Inspection, digit: number, rfLayer: number): void {
  const best = report.probabilities.indexOf(Math.max(...report.probabilities));
  find(root, 'inside-caption').textContent = `Test digit ${digit}: a ${report.truth}, read as ${best} (${(100 * report.probabilities[best]!).toFixed(1)}%). What each layer makes of it:`;
  const holder = find(root, 'maps');
  const focused = [...holder.querySelectorAll('canvas')].indexOf(document.activeElement as HTMLCanvasElement);
  showMaps(holder, report.maps, MAPS_SHOWN);
  markPickable(root, rfLayer);
  if (focused >= 0) holder.querySelectorAll('canvas')[focused]?.focus();
}

/** The maps of the chosen layer are the ones a click or the arrow keys pick a unit in. */
export function markPickable(root: Element, rfLayer: number): void {
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('[data-role="maps"] canvas[data-layer]')) {
    const pickable = canvas.dataset['layer'] === String(rfLayer);
    canvas.toggleAttribute('data-pickable', pickable);
    if (pickable) canvas.tabIndex = 0;
    else canvas.removeAttribute('tabindex');
  }
}

/** The unit a click or an arrow key picks in a map of `size` "h w", from the unit picked now; null for other keys. */
export function pickedUnit(event: MouseEvent | KeyboardEvent, canvas: HTMLCanvasElement, now: { rfY: number; rfX: number }): { rfY: number; rfX: number } | null {
  const [h, w] = canvas.dataset['size']!.split(' ').map(Number) as [number, number];
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  if (event instanceof MouseEvent) {
    const box = canvas.getBoundingClientRect();
    return { rfY: clamp(Math.floor(((event.clientY - box.top) / box.height) * h), h), rfX: clamp(Math.floor(((event.clientX - box.left) / box.width) * w), w) };
  }
  const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
  return move ? { rfY: clamp(clamp(now.rfY, h) + move[0]!, h), rfX: clamp(clamp(now.rfX, w) + move[1]!, w) } : null;
}

/** The chosen layer of `network` as analyze() sees it, and the unit clamped to its map; null for a flat layer. */
export function chosenUnit(network: Network | null, state: { rfLayer: number; rfY: number; rfX: number }) {
  const layer = network?.shapes[state.rfLayer - 1];
  const rfLayers = network?.receptiveFieldLayers() ?? [];
  const upTo = rfLayers.findIndex((l) => l.name === layer?.name);
  if (!layer || layer.shape.length !== 3 || upTo < 0) return null;
  const result = analyze(rfLayers.slice(0, upTo + 1), 28).at(-1)!;
  return { name: layer.name, result, y: Math.min(state.rfY, result.outputSize[0] - 1), x: Math.min(state.rfX, result.outputSize[1] - 1) };
}

/** The chosen unit's theoretical receptive field framed on the test digit, and its caption. */
export function renderReceptiveField(root: Element, network: Network | null, inspected: Inspection | null, state: { digit: number; rfLayer: number; rfY: number; rfX: number }): void {
  const caption = find(root, 'rf-caption');
  const canvas = find<HTMLCanvasElement>(root, 'rf-view');
  const unit = chosenUnit(network, state);
  canvas.hidden = !inspected || !unit;
  if (!unit || !inspected) return void (caption.textContent = '');
  const [top, bottom] = receptiveFieldRegion(unit.result, unit.y, 0);
  const [left, right] = receptiveFieldRegion(unit.result, unit.x, 1);
  paintField(canvas, inspected.pixels, [top, bottom, left, right]);
  const padding = top < 0 || left < 0 || bottom > 27 || right > 27 ? ', partly padding' : '';
  caption.textContent = `Unit (${unit.y}, ${unit.x}) of ${unit.name} sees input rows ${formatRange(top, bottom)} and columns ${formatRange(left, right)}: ${bottom - top + 1}×${right - left + 1} pixels (inside the frame${padding}; the rest of the digit is dimmed).`;
  canvas.setAttribute('aria-label', `Test digit ${state.digit} with the receptive field of unit (${unit.y}, ${unit.x}) of ${unit.name} framed`);
}

/** The effective receptive field at initialisation and now, side by side, each with its spread and 95 % square. */
export function renderErf(root: Element, report: ErfReport): string {
  const describe = (what: string, field: ErfReport['before']) => `${what}: spread ${formatNumber((field.std[0] + field.std[1]) / 2, 3)} pixels, 95% within ${field.mass95}×${field.mass95}`;
  const panels = [
    { role: 'erf-before', field: report.before, title: 'at initialisation' },
    { role: 'erf-after', field: report.after, title: `after ${formatNumber(report.epoch, 3)} epoch${report.epoch === 1 ? '' : 's'}` },
  ];
  for (const { role, field, title } of panels) {
    const figure = find(root, role);
    figure.hidden = false;
    const canvas = figure.querySelector('canvas')!;
    paintHeat(canvas, field.map, 28, 7, [{ side: report.rf, centre: report.centre }, { side: field.mass95, centre: report.centre, dashed: true }]);
    canvas.setAttribute('aria-label', `Effective receptive field ${title}`);
    figure.querySelector('figcaption')!.textContent = describe(title[0]!.toUpperCase() + title.slice(1), field);
  }
  const summary = `Unit (${report.y}, ${report.x}) of ${report.layer}, averaged over ${report.digits} test digits and its ${report.channels} channels; theoretical field ${report.rf}×${report.rf}. ${describe('Before training', report.before)}; ${describe('now', report.after)}.`;
  find(root, 'erf-caption').textContent = summary;
  return summary;
}
