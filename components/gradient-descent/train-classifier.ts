/**
 * Behaviour of TrainClassifier.astro, loaded when the widget comes near the viewport: the data and the decision
 * regions are drawn here; training runs in train-worker.ts, so the page only draws what the worker reports.
 */
import { evaluate, makeDataset, polynomialFeatures, type Dataset, type Model } from '../../src/compute';
import type { TrainReport, TrainRequest, TrainSettings } from './train-worker';
import { NotebookWidget, defineWidget } from '../lib/widget';
import { formatNumber, formatWhole } from '../lib/format';
import { svgElement } from '../lib/svg';
import type { SpecState } from '../lib/spec';
import { axes, linear, linePath } from '../lib/plot';
import { RegionPainter, classShape, dataBox } from './regions';
import { configFor, POINTS, trainClassifierSpec } from './train-classifier.spec';

const MAX_EPOCHS = 2000;
/** The curves' epoch axis grows through these lengths, so its ticks change rarely. */
const EPOCH_SCALES = [10, 20, 50, 100, 200, 500, 1000, MAX_EPOCHS];
// Margins for labels that grow to 12 px on a phone (lib/readable-svg.ts), where the curves are drawn about 290 px wide;
// the accuracy scale's labels sit right of the box, where the accuracy line (near 100 %) cannot cross them.
const BOX = { left: 64, right: 364, top: 14, bottom: 250 };

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
  /** The settings that define a run (all but η), and η: a new η alone carries on training, anything else restarts. */
  #runKey = '';
  #lr = NaN;
  /** Set by Reset: the next render restarts even with the same settings. */
  #restart = false;
  /** Epochs at which η was changed, drawn as marks on the curves. */
  #rateChanges: { epoch: number; lr: number }[] = [];
  #note = '';

  protected override setup(): void {
    // Training stops while a field is invalid (the results are marked stale).
    this.on(this.find(`#${this.id}-lr`), 'input', () => {
      if (this.find(`#${this.id}-lr`).getAttribute('aria-invalid') === 'true') this.send({ type: 'pause' });
    });
    this.on(this.find('[data-role="run"]'), 'click', () => this.send({ type: this.#running ? 'pause' : 'run' }));
    this.on(this.find('[data-role="step"]'), 'click', () => this.send({ type: 'step' }));
    this.on(this.find('[data-role="reset"]'), 'click', () => {
      this.#restart = true;
      this.update();
    });
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

  /**
   * A change of settings starts training afresh (paused), from zero weights; a new learning rate alone, once training
   * has begun, carries on from where it is (as a reader adjusting η mid-run expects), and is marked on the curves.
   */
  protected render(state: SpecState<typeof trainClassifierSpec>): void {
    const { data, degree, opt, lr, batch, seed } = state;
    const runKey = JSON.stringify({ data, degree, opt, batch, seed });
    if (!this.#restart && runKey === this.#runKey && this.#epoch > 0) {
      if (lr !== this.#lr) {
        this.#lr = lr;
        this.#rateChanges.push({ epoch: this.#epoch, lr });
        if (this.#settings) this.#settings = { ...this.#settings, optimizer: configFor(opt, lr) };
        this.send({ type: 'learning-rate', lr });
        this.#note = ` · η = ${formatNumber(lr, 4)} from epoch ${this.#epoch}`;
        this.announce(`Learning rate now ${formatNumber(lr, 4)}; training goes on from epoch ${this.#epoch}.`);
      }
      this.drawAll();
      return;
    }
    this.#restart = false;
    this.#runKey = runKey;
    this.#lr = lr;
    this.#rateChanges = [];
    this.#note = '';
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
    const ended = this.#epoch >= MAX_EPOCHS ? ` · stopped: runs here end at epoch ${formatWhole(MAX_EPOCHS)} (press Reset to start again)` : '';
    const status = `Epoch ${this.#epoch}: loss ${formatNumber(last.loss, 4)} nats, accuracy ${(100 * last.accuracy).toFixed(1)}%${this.#note}${ended}`;
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
    const how = this.#epoch >= MAX_EPOCHS ? `Stopped at epoch ${MAX_EPOCHS}, where runs here end` : `Paused at epoch ${this.#epoch}`;
    this.announce(`${how}: loss ${formatNumber(last.loss, 4)} nats, accuracy ${(100 * last.accuracy).toFixed(1)}%.`);
  }

  /**
   * Loss (left scale, nats) and accuracy (right scale, %) against epochs on a log scale (epoch + 1), so the fast start
   * and the slow end both show; axes redrawn only when a scale grows. Marks where η was changed.
   */
  private drawCurves(): void {
    const epochs = EPOCH_SCALES.find((e) => e >= this.#epoch) ?? MAX_EPOCHS;
    const maxLoss = Math.max(1.2, Math.ceil(Math.max(...this.#history.map((h) => (Number.isFinite(h.loss) ? h.loss : 0)))));
    const sx = (epoch: number) => BOX.left + (Math.log10(epoch + 1) / Math.log10(epochs + 1)) * (BOX.right - BOX.left);
    const sLoss = linear([0, maxLoss], [BOX.bottom, BOX.top]);
    const sAcc = linear([0, 1], [BOX.bottom, BOX.top]);
    const svg = this.find<SVGSVGElement>('[data-role="curves"]');
    const scaleKey = `${epochs}/${maxLoss}/${this.#rateChanges.length}`;
    if (svg.dataset['scale'] !== scaleKey) {
      svg.dataset['scale'] = scaleKey;
      // A tick too close to the last one is left out: on the log scale 1,000 sits just 33 units left of 2,000.
      const ticks = [0, 1, 10, 100, 1000].filter((e) => sx(epochs) - sx(e) > 60).concat(epochs).map((e) => ({ at: sx(e), label: formatWhole(e) }));
      const yTicks = [0, maxLoss / 2, maxLoss].map((v) => ({ at: sLoss(v), label: formatNumber(v, 2) }));
      const parts = axes(BOX, ticks, yTicks, { x: 'epoch (log scale)', y: 'loss (nats)' }, { xBelow: 40 });
      for (const change of this.#rateChanges) parts.push(svgElement('line', { x1: sx(change.epoch), x2: sx(change.epoch), y1: BOX.top, y2: BOX.bottom, class: 'plot-marker' }));
      parts.push(svgElement('path', { 'data-series': 'loss', class: 'race-path series-2' }));
      parts.push(svgElement('path', { 'data-series': 'accuracy', class: 'race-path series-3', 'stroke-dasharray': '6 3' }));
      parts.push(svgElement('line', { x1: BOX.right, x2: BOX.right, y1: BOX.top, y2: BOX.bottom, class: 'plot-axis' }));
      for (const v of [0, 0.5, 1]) {
        parts.push(svgElement('line', { x1: BOX.right, x2: BOX.right + 4, y1: sAcc(v), y2: sAcc(v), class: 'plot-axis' }));
        parts.push(svgElement('text', { x: BOX.right + 6, y: sAcc(v) + 4, class: 'plot-tick' }, `${v * 100}%`));
      }
      svg.replaceChildren(...parts);
      this.find('[data-role="curves-legend"]').textContent = `Solid: training loss (left scale). Dashed: accuracy (right scale).${this.#rateChanges.length ? ' Vertical dashes: where η was changed.' : ''}`;
    }
    svg.querySelector('[data-series="loss"]')!.setAttribute('d', linePath(this.#history.map((h) => [sx(h.epoch), sLoss(h.loss)])));
    svg.querySelector('[data-series="accuracy"]')!.setAttribute('d', linePath(this.#history.map((h) => [sx(h.epoch), sAcc(h.accuracy)])));
  }
}

defineWidget('gd-train-classifier', TrainClassifier);
