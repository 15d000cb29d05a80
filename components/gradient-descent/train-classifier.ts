/**
 * Behaviour of TrainClassifier.astro, loaded when the widget comes near the viewport: the data and the decision
 * regions are drawn here; training runs in train-worker.ts, so the page only draws what the worker reports.
 */
import { evaluate, makeDataset, polynomialFeatures, type Dataset, type Model } from '../../src/compute';
import type { TrainReport, TrainRequest, TrainSettings } from './train-worker';
import { NotebookWidget, defineWidget } from '../lib/widget';
import { formatNumber } from '../lib/format';
import { svgElement } from '../lib/svg';
import type { SpecState } from '../lib/spec';
import { axes, linear, linePath } from '../lib/plot';
import { RegionPainter, classShape, dataBox } from './regions';
import { configFor, POINTS, trainClassifierSpec } from './train-classifier.spec';

const MAX_EPOCHS = 2000;
/** The curves' epoch axis grows through these lengths, so its ticks change rarely. */
const EPOCH_SCALES = [10, 20, 50, 100, 200, 500, 1000, MAX_EPOCHS];
const BOX = { left: 44, right: 410, top: 12, bottom: 250 };

class TrainClassifier extends NotebookWidget<typeof trainClassifierSpec.fields> {
  protected readonly spec = trainClassifierSpec;
  #worker: Worker | null = null;
  #settings: TrainSettings | null = null;
  #generation = 0;
  #data!: Dataset;
  #model!: Model;
  #painter!: RegionPainter;
  #colours: string[] = [];
  #history: { epoch: number; loss: number; accuracy: number }[] = [];
  #epoch = 0;
  #running = false;
  #frame = 0;

  protected override setup(): void {
    // Training stops while a field is invalid (the results are marked stale).
    this.on(this.find(`#${this.id}-lr`), 'input', () => {
      if (this.find(`#${this.id}-lr`).getAttribute('aria-invalid') === 'true') this.send({ type: 'pause' });
    });
    this.on(this.find('[data-role="run"]'), 'click', () => this.send({ type: this.#running ? 'pause' : 'run' }));
    this.on(this.find('[data-role="step"]'), 'click', () => this.send({ type: 'step' }));
    this.on(this.find('[data-role="reset"]'), 'click', () => this.update());
    this.on(this.find('[data-role="reseed"]'), 'click', () => this.set({ seed: (this.state.seed % 9999) + 1 }));
  }

  disconnectedCallback(): void {
    this.#worker?.terminate();
    this.#worker = null;
    cancelAnimationFrame(this.#frame);
  }

  /**
   * The trainer runs in a worker, started on first use (Start or One epoch), so a reader who never trains never
   * downloads it. Until then a reset is only remembered.
   */
  private send(request: TrainRequest): void {
    if (request.type === 'reset') this.#settings = request.settings;
    if (!this.#worker) {
      if (request.type === 'reset' || request.type === 'pause') return;
      this.#worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
      this.#worker.addEventListener('message', (event: MessageEvent<TrainReport>) => this.receive(event.data));
      if (this.#settings) this.#worker.postMessage({ type: 'reset', settings: this.#settings } satisfies TrainRequest);
    }
    if (request.type === 'run') this.setButton(true);
    this.#worker.postMessage(request);
  }

  /** Any change of settings starts training afresh (paused), from zero weights. */
  protected render(state: SpecState<typeof trainClassifierSpec>): void {
    const { data, degree, opt, lr, batch, seed } = state;
    this.#generation++;
    this.#data = makeDataset(data, POINTS, seed);
    // Zero weights until the worker reports: the same start as the worker's trainer, drawn without waiting for it.
    const features = polynomialFeatures([0, 0], degree).length;
    this.#model = { degree, weights: Array.from({ length: this.#data.classes }, () => new Array<number>(features).fill(0)) };
    this.#painter = new RegionPainter(this.find<HTMLCanvasElement>('[data-role="regions"]'), this.find<HTMLCanvasElement>('[data-role="points"]'), this.#data, dataBox(this.#data), degree);
    this.#epoch = 0;
    this.#history = [{ epoch: 0, ...evaluate(this.#model, this.#data) }];
    this.#running = false;
    this.setButton(false);
    this.send({ type: 'reset', settings: { generation: this.#generation, data, points: POINTS, degree, batchSize: batch, optimizer: configFor(opt, lr), seed, maxEpochs: MAX_EPOCHS } });
    this.drawAll();
  }

  /** A report from the worker: keep it, and draw it at the next animation frame. */
  private receive(report: TrainReport): void {
    if (report.generation !== this.#generation) return; // about settings that have since changed
    if (report.type === 'error') {
      this.showError(report.message);
      this.setButton(false);
      return;
    }
    this.#model = { degree: this.state.degree, weights: report.weights };
    if (report.epoch !== this.#epoch) this.#history.push({ epoch: report.epoch, loss: report.loss, accuracy: report.accuracy });
    this.#epoch = report.epoch;
    this.setButton(report.running);
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        performance.mark('gd-train-frame-start');
        this.drawAll();
        performance.measure('gd-train-frame', 'gd-train-frame-start');
      });
    }
    if (!report.running) this.announceStatus();
  }

  private setButton(running: boolean): void {
    this.#running = running;
    const button = this.querySelector('[data-role="run"]');
    if (button) {
      button.textContent = running ? 'Pause' : this.#epoch > 0 ? 'Resume' : 'Start';
      button.setAttribute('aria-pressed', String(running));
    }
  }

  /**
   * Draws regions, status and curves. While training this runs every frame, so it avoids what is slow per frame:
   * the theme colours are read when training starts (reading computed style forces a style pass), the canvas's
   * accessible description and the curves' axes change only when paused or when the scale grows.
   */
  private drawAll(): void {
    if (!this.#running || this.#colours.length === 0) this.#colours = [1, 2, 3].map((i) => getComputedStyle(this).getPropertyValue(`--series-${i}`));
    this.#painter.draw(this.#model, this.#colours, !this.#running);
    const last = this.#history.at(-1)!;
    const status = `Epoch ${this.#epoch}: loss ${formatNumber(last.loss, 4)} nats, accuracy ${(100 * last.accuracy).toFixed(1)}%`;
    this.find('[data-role="status"]').textContent = status;
    if (!this.#running) {
      this.find('[data-role="regions"]').setAttribute('aria-label', `Decision regions after ${this.#epoch} epochs; ${status}.`);
      this.find('[data-role="legend"]').textContent =
        `${POINTS} points in ${this.#data.classes} classes, shown as ${Array.from({ length: this.#data.classes }, (_, c) => classShape(c) + 's').join(', ')}; the background is the class the model predicts there, stronger where it is surer.`;
    }
    this.drawCurves();
  }

  private announceStatus(): void {
    const last = this.#history.at(-1)!;
    this.announce(`Paused at epoch ${this.#epoch}: loss ${formatNumber(last.loss, 4)} nats, accuracy ${(100 * last.accuracy).toFixed(1)}%.`);
  }

  /** Loss (left scale, nats) and accuracy (right scale, %) against epochs; axes redrawn only when a scale grows. */
  private drawCurves(): void {
    const epochs = EPOCH_SCALES.find((e) => e >= this.#epoch) ?? MAX_EPOCHS;
    const maxLoss = Math.max(1.2, Math.ceil(Math.max(...this.#history.map((h) => (Number.isFinite(h.loss) ? h.loss : 0)))));
    const sx = linear([0, epochs], [BOX.left, BOX.right]);
    const sLoss = linear([0, maxLoss], [BOX.bottom, BOX.top]);
    const sAcc = linear([0, 1], [BOX.bottom, BOX.top]);
    const svg = this.find<SVGSVGElement>('[data-role="curves"]');
    const scaleKey = `${epochs}/${maxLoss}`;
    if (svg.dataset['scale'] !== scaleKey) {
      svg.dataset['scale'] = scaleKey;
      const parts = axes(BOX, [0, epochs].map((e) => ({ at: sx(e), label: String(e) })), [0, maxLoss / 2, maxLoss].map((v) => ({ at: sLoss(v), label: formatNumber(v, 2) })), { x: 'epoch', y: 'loss (nats)' });
      parts.push(svgElement('path', { 'data-series': 'loss', class: 'race-path series-2' }));
      parts.push(svgElement('path', { 'data-series': 'accuracy', class: 'race-path series-3', 'stroke-dasharray': '6 3' }));
      for (const v of [0, 0.5, 1]) parts.push(svgElement('text', { x: BOX.right - 2, y: sAcc(v) + (v === 1 ? 12 : -4), 'text-anchor': 'end', class: 'plot-tick' }, `${v * 100}%`));
      parts.push(svgElement('text', { x: BOX.left + 8, y: BOX.top + 12, class: 'plot-label' }, 'solid: loss · dashed: accuracy (right scale)'));
      svg.replaceChildren(...parts);
    }
    svg.querySelector('[data-series="loss"]')!.setAttribute('d', linePath(this.#history.map((h) => [sx(h.epoch), sLoss(h.loss)])));
    svg.querySelector('[data-series="accuracy"]')!.setAttribute('d', linePath(this.#history.map((h) => [sx(h.epoch), sAcc(h.accuracy)])));
  }
}

defineWidget('gd-train-classifier', TrainClassifier);
