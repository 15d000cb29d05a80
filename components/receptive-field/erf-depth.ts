/**
 * Behaviour of ErfDepth.astro, loaded when the widget comes near the viewport: sends the stack to erf-worker.ts
 * (started on first render) and draws what it answers — the map over the theoretical field, the spread against
 * depth on log–log axes, the numbers. Only the answer to the latest question is drawn.
 */
import { NotebookWidget, defineWidget } from '../lib/widget';
import { formatNumber } from '../lib/format';
import { paintHeat } from '../lib/heat-map';
import { watchWidth } from '../lib/width';
import { svgElement } from '../lib/svg';
import { setViewBox } from '../lib/readable-svg';
import { axes, linePath } from '../lib/plot';
import type { SpecState } from '../lib/spec';
import { erfDepthSpec } from './erf-depth.spec';
import type { DepthPoint, ErfReply, ErfRequest } from './erf-worker';

type State = SpecState<typeof erfDepthSpec>;
/** Canvas pixels per map pixel: the map is drawn about 260 pixels wide whatever the input size. */
const scaleFor = (size: number) => Math.max(2, Math.floor(260 / size));

class ErfDepth extends NotebookWidget<typeof erfDepthSpec.fields> {
  protected readonly spec = erfDepthSpec;
  #worker: Worker | null = null;
  #asked = 0;
  #busy: ReturnType<typeof setTimeout> | undefined;
  #last: Extract<ErfReply, { ok: true }> | null = null;
  /** The plot's width on screen, from watchWidth (0 until laid out); measuring while drawing would force a layout. */
  #plotWidth = 0;

  protected override setup(): void {
    // The plot is drawn at its own width: redraw the last result when that changes.
    watchWidth(this.find<SVGSVGElement>('[data-role="plot"]'), (width) => {
      this.#plotWidth = width;
      if (this.#last) this.drawPlot(this.#last.series, this.state);
    });
  }

  disconnectedCallback(): void {
    this.#worker?.terminate();
  }

  protected render(state: State): void {
    if (!this.#worker) {
      this.#worker = new Worker(new URL('./erf-worker.ts', import.meta.url), { type: 'module' });
      this.#worker.addEventListener('message', (event: MessageEvent<ErfReply>) => this.receive(event.data));
    }
    const request: ErfRequest = {
      id: ++this.#asked,
      stack: { depth: state.depth, kernel: state.kernel, weights: state.weights, relu: state.relu, strided: state.strided, dilation: state.dilation, seed: state.seed, ...(state.size ? { inputSize: state.size } : {}) },
      samples: 16,
    };
    this.#worker.postMessage(request);
    // A slow answer (a deep stack on a large input) is announced as such; the last picture stays, dimmed.
    clearTimeout(this.#busy);
    this.#busy = setTimeout(() => {
      this.find('[data-role="results"]').toggleAttribute('data-stale', true);
      this.find('[data-role="summary"]').setAttribute('aria-busy', 'true');
    }, 150);
  }

  private receive(reply: ErfReply): void {
    if (reply.id !== this.#asked) return;
    clearTimeout(this.#busy);
    this.find('[data-role="summary"]').removeAttribute('aria-busy');
    this.dataset['answer'] = String(reply.id);
    if (!reply.ok) return this.showError(`${reply.message} Try another seed.`);
    this.showError('');
    this.find('[data-role="results"]').toggleAttribute('data-stale', false);
    this.#last = reply;
    // Timings for the bench (scripts/lib/browser-bench.ts): the map alone, and with the series of depths.
    Object.assign(this.dataset, { mapMs: reply.mapMs.toFixed(1), ms: reply.ms.toFixed(1), answered: String(reply.id) });
    const state = this.state;
    const scale = scaleFor(reply.size);
    paintHeat(this.find<HTMLCanvasElement>('[data-role="map"]'), reply.map, reply.size, scale, [
      { side: reply.rf, centre: reply.centre },
      { side: reply.mass95, centre: reply.centre, dashed: true },
    ]);
    this.drawPlot(reply.series, state);
    this.showNumbers(reply, state);
  }

  private showNumbers(reply: Extract<ErfReply, { ok: true }>, state: State): void {
    const theory = Math.sqrt((state.depth * state.dilation ** 2 * (state.kernel ** 2 - 1)) / 12);
    const exact = state.weights === 'uniform' && !state.relu && state.strided === 0;
    const spread = (reply.std[0] + reply.std[1]) / 2;
    const clipped = reply.rf > reply.size ? ` The theoretical field is wider than the ${reply.size}-pixel input; the map shows the part inside it.` : '';
    const summary =
      `${state.depth} layer${state.depth === 1 ? '' : 's'} of ${state.kernel}×${state.kernel}: the theoretical field is ${reply.rf}×${reply.rf} pixels. ` +
      `The gradient’s spread is ${formatNumber(spread, 3)} pixels per axis (${exact ? 'exactly' : 'against'} √(n·d²·(k²−1)/12) = ${formatNumber(theory, 3)} for uniform kernels), ` +
      `and 95% of it lies in the central ${reply.mass95}×${reply.mass95} square: ${Math.round((100 * Math.min(reply.mass95, reply.rf)) / reply.rf)}% of the field’s side.${clipped}`;
    this.find('[data-role="summary"]').textContent = summary;
    this.announce(summary);
    this.find('[data-role="table"]').replaceChildren(
      ...reply.series.map((p) => {
        const row = document.createElement('tr');
        for (const text of [String(p.depth), formatNumber(p.std, 4), formatNumber(Math.sqrt((p.depth * state.dilation ** 2 * (state.kernel ** 2 - 1)) / 12), 4), String(p.rf)]) {
          row.append(Object.assign(document.createElement('td'), { textContent: text }));
        }
        return row;
      }),
    );
  }

  /** Spread against depth, both log scales, drawn in pixels at the plot's width (its labels stay 12 px on a phone). */
  private drawPlot(series: readonly DepthPoint[], state: State): void {
    const svg = this.find<SVGSVGElement>('[data-role="plot"]');
    const width = Math.round(Math.min(560, Math.max(280, this.#plotWidth || 420)));
    const height = 260;
    setViewBox(svg, width, height);
    const box = { left: 52, right: width - 12, top: 10, bottom: height - 44 };
    const maxDepth = Math.max(2, state.depth);
    const theory = (n: number) => Math.sqrt((n * state.dilation ** 2 * (state.kernel ** 2 - 1)) / 12);
    const values = [...series.flatMap((p) => [p.std, (p.rf - 1) / 2]), theory(1), theory(maxDepth)].filter((v) => v > 0);
    const [low, high] = [Math.min(...values) / 1.4, Math.max(...values) * 1.4];
    const sx = (n: number) => box.left + (Math.log(n) / Math.log(maxDepth)) * (box.right - box.left);
    const sy = (v: number) => box.bottom - ((Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))) * (box.bottom - box.top);
    const xTicks = [1, 2, 5, 10, 20, 40].filter((n) => n <= maxDepth).map((n) => ({ at: sx(n), label: String(n) }));
    const yTicks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500].filter((v) => v >= low && v <= high).map((v) => ({ at: sy(v), label: String(v) }));
    const parts = axes(box, xTicks, yTicks, { x: 'layers n (log scale)', y: 'pixels (log scale)' });
    const depths = Array.from({ length: 41 }, (_, k) => 1 + (k * (maxDepth - 1)) / 40);
    parts.push(svgElement('path', { d: linePath(series.map((p) => [sx(p.depth), sy((p.rf - 1) / 2)])), class: 'plot-line series-3' }));
    parts.push(svgElement('path', { d: linePath(series.map((p) => [sx(p.depth), sy(p.std)])), class: 'plot-line series-2' }));
    for (const p of series) parts.push(svgElement('circle', { cx: sx(p.depth), cy: sy(p.std), r: 4, class: 'plot-point' }));
    // The law on top, dashed, so it shows where the points lie exactly on it.
    parts.push(svgElement('path', { d: linePath(depths.map((n) => [sx(n), sy(theory(n))])), class: 'plot-line series-1', 'stroke-dasharray': '6 4', style: 'stroke-width: 1.5px' }));
    svg.replaceChildren(...parts);
  }
}

defineWidget('erf-depth', ErfDepth);
