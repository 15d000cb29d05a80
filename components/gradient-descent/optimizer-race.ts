/**
 * Behaviour of OptimizerRace.astro, loaded when the widget comes near the viewport: runs the chosen optimisers on a surface with `runOptimizer`, draws the contours
 * (d3-contour), the paths and the loss per step, and animates them unless the reader prefers reduced motion.
 */
import { contours } from 'd3-contour';
import { contourLevels, runOptimizer, sampleSurface, surfaces } from '../../src/compute';
import { NotebookWidget, defineWidget, prefersReducedMotion } from '../lib/widget';
import { formatNumber, formatPowerOfTen, formatRange } from '../lib/format';
import { svgElement } from '../lib/svg';
import type { SpecState } from '../lib/spec';
import { axes, linear, linePath } from '../lib/plot';
import { RACERS, markerPath, racerConfig } from './racers';
import { optimizerRaceSpec } from './optimizer-race.spec';

// Margins for labels that grow to 12 px on a phone (lib/readable-svg.ts), where both plots are drawn about 290 px
// wide: the loss plot is not put in a sideways-scrolling box there, it fits.
const MAP = { left: 46, right: 410, top: 18, bottom: 372 };
const LOSS = { left: 80, right: 410, top: 14, bottom: 250 };
const GRID = 80;
const ANIMATION_MS = 2500;

type Run = ReturnType<typeof runOptimizer> & { index: number };

class OptimizerRace extends NotebookWidget<typeof optimizerRaceSpec.fields> {
  protected readonly spec = optimizerRaceSpec;
  #runs: Run[] = [];
  #shown = 0;
  #frame = 0;
  #contourKey = '';
  /** The contours, minima and axes: redrawn only when the surface changes. */
  #background: SVGElement[] = [];

  protected override setup(): void {
    this.on(this.find('[data-role="play"]'), 'click', () => this.playPaths(true));
    const at = this.find<HTMLInputElement>(`#${this.id}-at`);
    this.on(at, 'input', () => {
      this.stop();
      this.#shown = Number(at.value);
      this.draw();
    });
    const map = this.find<SVGSVGElement>('[data-role="map"]');
    this.on<MouseEvent>(map, 'click', (event) => {
      const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(map.getScreenCTM()!.inverse());
      const [x, y] = this.toData(point.x, point.y);
      this.moveStart(x, y);
    });
    this.on<KeyboardEvent>(map, 'keydown', (event) => {
      const [x0, x1, y0, y1] = surfaces[this.state.surface].domain;
      const dx = ((x1 - x0) / 40) * (event.shiftKey ? 5 : 1);
      const dy = ((y1 - y0) / 40) * (event.shiftKey ? 5 : 1);
      const move = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] }[event.key];
      if (!move) return;
      event.preventDefault();
      this.moveStart(this.state.x0 + move[0]!, this.state.y0 + move[1]!);
    });
  }

  disconnectedCallback(): void {
    this.stop();
  }

  private moveStart(x: number, y: number): void {
    const [x0, x1, y0, y1] = surfaces[this.state.surface].domain;
    const round = (v: number) => Math.round(v * 1000) / 1000;
    this.set({ x0: round(Math.min(x1, Math.max(x0, x))), y0: round(Math.min(y1, Math.max(y0, y))) });
  }

  private scales() {
    const [x0, x1, y0, y1] = surfaces[this.state.surface].domain;
    return { sx: linear([x0, x1], [MAP.left, MAP.right]), sy: linear([y0, y1], [MAP.bottom, MAP.top]) };
  }

  private toData(px: number, py: number): [number, number] {
    const [x0, x1, y0, y1] = surfaces[this.state.surface].domain;
    return [linear([MAP.left, MAP.right], [x0, x1])(px), linear([MAP.bottom, MAP.top], [y0, y1])(py)];
  }

  protected render(state: SpecState<typeof optimizerRaceSpec>): void {
    const surface = surfaces[state.surface];
    const { x0, y0, steps, m, nesterov } = state;
    const [dx0, dx1, dy0, dy1] = surface.domain;
    if (x0 < dx0 || x0 > dx1 || y0 < dy0 || y0 > dy1) throw new RangeError(`The start (${formatNumber(x0)}, ${formatNumber(y0)}) is outside this surface’s window, x ${formatRange(dx0, dx1, formatNumber)} and y ${formatRange(dy0, dy1, formatNumber)}.`);
    const rates = [state.lr0, state.lr1, state.lr2, state.lr3];
    const configs = RACERS.map((_, i) => racerConfig(i, rates[i]!, m, nesterov));
    this.#runs = state.on.map((i) => ({ ...runOptimizer(surface, configs[i]!, [x0, y0], steps), index: i }));
    this.drawContours();
    const at = this.find<HTMLInputElement>(`#${this.id}-at`);
    at.max = String(steps);
    this.playPaths(false);
  }

  private drawContours(): void {
    const key = this.state.surface;
    if (key === this.#contourKey) return;
    this.#contourKey = key;
    const surface = surfaces[key];
    const values = sampleSurface(surface, GRID, GRID);
    const levels = contourLevels(values, 14);
    const [x0, x1, y0, y1] = surface.domain;
    const { sx, sy } = this.scales();
    // d3-contour puts sample (i, j) at (i + 0.5, j + 0.5) in its own coordinates.
    const toX = (gx: number) => sx(x0 + ((gx - 0.5) * (x1 - x0)) / (GRID - 1));
    const toY = (gy: number) => sy(y0 + ((gy - 0.5) * (y1 - y0)) / (GRID - 1));
    const group = svgElement('g', { 'data-role': 'contours', 'clip-path': `url(#${this.id}-clip)` });
    for (const shape of contours().size([GRID, GRID]).thresholds(levels)(Array.from(values))) {
      const d = shape.coordinates.flatMap((polygon) => polygon.map((ring) => `M${ring.map(([gx, gy]) => `${toX(gx!).toFixed(1)},${toY(gy!).toFixed(1)}`).join('L')}Z`)).join('');
      if (d) group.append(svgElement('path', { d, class: 'race-contour' }));
    }
    const clip = svgElement('clipPath', { id: `${this.id}-clip` });
    clip.append(svgElement('rect', { x: MAP.left, y: MAP.top, width: MAP.right - MAP.left, height: MAP.bottom - MAP.top }));
    const minima = surface.minima.map(([mx, my]) => svgElement('path', { d: `M${sx(mx) - 5},${sy(my)}h10M${sx(mx)},${sy(my) - 5}v10`, class: 'race-minimum' }));
    const ticks = (lo: number, hi: number, scale: (v: number) => number) => [lo, (lo + hi) / 2, hi].map((v) => ({ at: scale(v), label: formatNumber(v, 2) }));
    const defs = svgElement('defs', {});
    defs.append(clip);
    this.#background = [defs, group, ...minima, ...axes(MAP, ticks(x0, x1, sx), ticks(y0, y1, sy), { x: 'x', y: 'y' }, { xBelow: 42 })];
  }

  /** Starts the trajectory animation from step 0, or shows every step at once under reduced motion. */
  private playPaths(replay: boolean): void {
    this.stop();
    const total = this.state.steps;
    if (prefersReducedMotion() && !replay) {
      this.#shown = total;
      this.draw();
      return;
    }
    const started = performance.now();
    const tick = (now: number) => {
      // The first frame's timestamp can precede `started`: clamp at step 0.
      this.#shown = Math.max(0, Math.min(total, Math.floor(((now - started) / ANIMATION_MS) * total)));
      this.draw();
      this.#frame = this.#shown < total ? requestAnimationFrame(tick) : 0;
      this.setPlaying(this.#frame !== 0);
    };
    this.setPlaying(true);
    this.#frame = requestAnimationFrame(tick);
  }

  private stop(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.setPlaying(false);
  }

  private setPlaying(playing: boolean): void {
    this.querySelector('[data-role="play"]')?.setAttribute('aria-pressed', String(playing));
  }

  /** Draws the paths and the loss plot up to the shown step, and the legend with each racer's result. */
  private draw(): void {
    const { sx, sy } = this.scales();
    const shown = this.#shown;
    const parts: SVGElement[] = [...this.#background];
    for (const run of this.#runs) {
      const racer = RACERS[run.index]!;
      const upTo = run.path.slice(0, shown + 1);
      const cls = `series-${run.index + 1}`;
      parts.push(svgElement('path', { d: linePath(upTo.map(([x, y]) => [sx(x), sy(y)])), class: `race-path ${cls}`, 'stroke-dasharray': racer.dash, 'clip-path': `url(#${this.id}-clip)` }));
      const [x, y] = upTo.at(-1)!;
      parts.push(svgElement('path', { d: markerPath(racer.shape, sx(x), sy(y)), class: `race-marker ${cls}` }));
    }
    parts.push(svgElement('circle', { cx: sx(this.state.x0), cy: sy(this.state.y0), r: 6, class: 'race-start' }));
    this.find<SVGSVGElement>('[data-role="map"]').replaceChildren(...parts);
    this.drawLoss(shown);
    const at = this.find<HTMLInputElement>(`#${this.id}-at`);
    at.value = String(shown);
    at.setAttribute('aria-valuetext', `step ${shown}`);
    const surface = surfaces[this.state.surface];
    const items = this.#runs.map((run) => {
      const k = Math.min(shown, run.path.length - 1);
      const [x, y] = run.path[k]!;
      const racer = RACERS[run.index]!;
      const li = document.createElement('li');
      const swatch = svgElement('svg', { viewBox: '0 0 28 14', width: 28, height: 14, 'aria-hidden': 'true' });
      swatch.append(svgElement('line', { x1: 0, x2: 28, y1: 7, y2: 7, class: `race-path series-${run.index + 1}`, 'stroke-dasharray': racer.dash }), svgElement('path', { d: markerPath(racer.shape, 14, 7, 4), class: `race-marker series-${run.index + 1}` }));
      const diverged = run.diverged && shown >= run.path.length - 1;
      li.append(swatch, ` ${racer.name} (${racer.shape}): ${diverged ? `diverged after ${run.path.length - 1} steps` : `step ${k}, at (${formatNumber(x, 3)}, ${formatNumber(y, 3)}), loss ${formatNumber(run.losses[k]!, 3)}`}`);
      return li;
    });
    this.find('[data-role="legend"]').replaceChildren(...(items.length ? items : [Object.assign(document.createElement('li'), { textContent: 'No racer is selected: tick one or more under Racers.' })]));
    if (shown === this.state.steps) {
      const results = this.#runs.map((run) => `${RACERS[run.index]!.name} ${run.diverged ? 'diverged' : `ends at loss ${formatNumber(run.losses.at(-1)!, 3)}`}`).join('; ');
      this.announce((results ? `${results}.` : 'No racer is selected: tick one or more above.') + (surface.minima.length ? '' : ' This surface has no minimum.'));
    }
  }

  /** Loss per step: log scale of (loss − minimum) when the surface has a minimum, else the loss itself. */
  private drawLoss(shown: number): void {
    const surface = surfaces[this.state.surface];
    const floor = surface.minima.length ? Math.min(...surface.minima.map(([x, y]) => surface.value(x, y))) : null;
    const transform = (loss: number) => (floor === null ? loss : Math.log10(Math.max(loss - floor, 1e-12)));
    const all = this.#runs.flatMap((run) => run.losses.map(transform));
    let lo = Math.min(...all, floor === null ? 0 : -1);
    let hi = Math.max(...all, lo + 1);
    if (floor !== null) [lo, hi] = [Math.floor(lo), Math.ceil(hi)];
    const sx = linear([0, this.state.steps], [LOSS.left, LOSS.right]);
    const sy = linear([lo, hi], [LOSS.bottom, LOSS.top]);
    // On the log scale the ticks are whole powers of ten, labelled as such ("10⁻⁶"): short enough for a phone.
    const yTicks = (floor === null ? [lo, (lo + hi) / 2, hi] : [lo, Math.round((lo + hi) / 2), hi]).map((v) => ({ at: sy(v), label: floor === null ? formatNumber(v, 2) : formatPowerOfTen(v) }));
    const titles = { x: 'step', y: floor === null ? 'loss' : 'loss − minimum (log)' };
    const parts: SVGElement[] = axes(LOSS, [0, this.state.steps].map((v) => ({ at: sx(v), label: String(v) })), yTicks, titles, { xBelow: 40 });
    for (const run of this.#runs) {
      const points = run.losses.slice(0, shown + 1).map((loss, k) => [sx(k), sy(transform(loss))] as [number, number]);
      parts.push(svgElement('path', { d: linePath(points), class: `race-path series-${run.index + 1}`, 'stroke-dasharray': RACERS[run.index]!.dash }));
    }
    this.find<SVGSVGElement>('[data-role="loss"]').replaceChildren(...parts);
  }
}

defineWidget('gd-optimizer-race', OptimizerRace);
