/**
 * Behaviour of CnnLab.astro, loaded when the widget comes near the viewport. The page keeps the settings (the
 * widget's state), draws what the worker reports, and asks it for predictions, digits to look inside, a gradient
 * check and the weights; the worker (lab-worker.ts, started on first use) owns the network and the training run.
 */
import { analyze, createNetwork, parseLayerText, prepareDrawnDigit, receptiveFieldRegion, type Network, type NetworkLayer } from '../../src/compute';
import { NotebookWidget, defineWidget } from '../lib/widget';
import { renderBars } from '../lib/bars';
import { formatNumber } from '../lib/format';
import type { Binding, FieldEditor } from '../lib/controls';
import type { SpecState } from '../lib/spec';
import { cnnLabSpec, optimizerFor } from './cnn-lab.spec';
import { DrawPad } from './draw-pad';
import { drawCurves, figureOf, mapRows, paintField, renderConfusion } from './lab-views';
import type { CurvePoint, LabReport, LabRequest, LabSettings } from './lab-protocol';
import { pytorchCode, weightsJson } from './pytorch-export';

type State = SpecState<typeof cnnLabSpec>;
/** Feature maps shown per layer (the rest are summarised). */
const MAPS_SHOWN = 8;

class CnnLab extends NotebookWidget<typeof cnnLabSpec.fields> {
  protected readonly spec = cnnLabSpec;
  #worker: Worker | null = null;
  #generation = 0;
  #settings: LabSettings | null = null;
  #network: Network | null = null;
  #running = false;
  #points: CurvePoint[] = [];
  #tests: { epoch: number; accuracy: number }[] = [];
  #pad!: DrawPad;
  #request = 0;
  #inspected: Extract<LabReport, { type: 'inspection' }> | null = null;
  #predictPending = false;
  /** The pad changed after the pending prediction was asked for. */
  #drawnSince = false;
  #lastReading = -1;
  /** The test digit last asked for (-1: none since the settings changed). */
  #askedDigit = -1;
  #exportUrls: string[] = [];
  /** Set by "Start again": the next render starts a new run even with the same settings. */
  #restart = false;

  protected override setup(): void {
    this.#pad = new DrawPad(this.find('[data-role="pad"]'), () => this.predictSoon());
    this.bindCustom('rfLayer', (editor) => this.rfLayerSelect(editor));
    this.bindMapPicking();
    // The curves are drawn at the plot's width in pixels: redraw when it changes.
    const curves = this.find<SVGSVGElement>('[data-role="curves"]');
    let drawnWidth = 0;
    new ResizeObserver(() => {
      const width = Math.round(curves.getBoundingClientRect().width);
      if (width !== drawnWidth) drawCurves(curves, this.#points, this.#tests);
      drawnWidth = width;
    }).observe(curves);
    this.on(this.find('[data-role="run"]'), 'click', () => {
      this.send({ type: this.#running ? 'pause' : 'run' });
      if (!this.#inspected) this.inspect(); // the digits are on their way: show one from the inside
    });
    this.on(this.find('[data-role="reset"]'), 'click', () => {
      this.#restart = true;
      this.update();
    });
    this.on(this.find('[data-role="clear"]'), 'click', () => this.#pad.clear());
    this.on(this.find('[data-role="copy-digit"]'), 'click', () => this.#inspected && this.#pad.setInk(this.#inspected.pixels));
    this.on(this.find('[data-role="gradcheck"]'), 'click', () => this.send({ type: 'gradcheck' }));
    this.on(this.find('[data-role="export"]'), 'click', () => this.send({ type: 'export' }));
    renderBars(this.find('[data-role="guess"]'), Array.from({ length: 10 }, (_, d) => ({ label: String(d), value: 0, text: '—' })), { scale: 1 });
  }

  disconnectedCallback(): void {
    this.#worker?.terminate();
    this.#exportUrls.forEach((url) => URL.revokeObjectURL(url));
  }

  /** Any change of the settings starts a new run (paused): the network is built here first, to explain a bad one. */
  protected render(state: State): void {
    const layers = parseLayerText(state.layers);
    const network = createNetwork(layers, { inputShape: [1, 28, 28], seed: state.seed });
    const last = network.shapes.at(-1)!;
    if (last.shape.length !== 1 || last.shape[0] !== 10) throw new RangeError(`The last layer must give 10 scores, one per digit, but ${last.name} gives ${last.shape.join('×')}.`);
    const settings: LabSettings = { generation: this.#generation, layers, optimizer: optimizerFor(state.opt, state.lr), batchSize: state.batch, augment: state.augment, schedule: state.schedule, seed: state.seed, dataUrl: this.find('[data-role="lab"]').dataset['digits']! };
    // Only the chosen test digit or unit changed: the run goes on.
    const same = this.#settings && JSON.stringify(this.#settings) === JSON.stringify(settings);
    if (!same || this.#restart) {
      this.#restart = false;
      settings.generation = ++this.#generation;
      this.#network = network;
      this.#settings = settings;
      this.#points = [];
      this.#tests = [];
      this.#running = false;
      this.#inspected = null;
      this.#askedDigit = -1;
      this.setButton();
      this.send({ type: 'reset', settings });
      this.find('[data-role="status"]').textContent = `${network.parameterCount.toLocaleString('en-US')} parameters, not trained yet. Train loads 10,000 handwritten digits (1.6 MB) and learns from 8,500 of them; the other 1,500 test it.`;
      drawCurves(this.find<SVGSVGElement>('[data-role="curves"]'), [], []);
      for (const role of ['maps', 'filters', 'wrong']) this.find(`[data-role="${role}"]`).replaceChildren();
      this.find('[data-role="confusion"]').replaceChildren();
      this.find('[data-role="gradcheck-table"]').replaceChildren();
    }
    if (state.digit !== this.#askedDigit) this.inspect();
    else {
      this.markPickable();
      this.showReceptiveField();
    }
    this.predictSoon();
  }

  /** Sends a request, starting the worker on first use (a reset before then is only remembered). */
  private send(request: LabRequest): void {
    if (!this.#worker) {
      if (request.type === 'reset' || request.type === 'pause') return;
      this.#worker = new Worker(new URL('./lab-worker.ts', import.meta.url), { type: 'module' });
      this.#worker.addEventListener('message', (event: MessageEvent<LabReport>) => this.receive(event.data));
      this.#worker.postMessage({ type: 'reset', settings: this.#settings! } satisfies LabRequest);
    }
    this.#worker.postMessage(request);
  }

  private receive(report: LabReport): void {
    if (report.type === 'prediction') this.#predictPending = false;
    if (report.generation !== this.#generation) return void (report.type === 'prediction' && this.predictSoon()); // about settings that have since changed
    switch (report.type) {
      case 'loading':
        this.find('[data-role="status"]').textContent = report.what;
        break;
      case 'progress':
        this.#running = report.running;
        this.setButton();
        if (report.point) this.#points.push(report.point);
        this.showStatus(report);
        break;
      case 'evaluation':
        this.#tests.push({ epoch: report.epoch, accuracy: report.accuracy });
        renderConfusion(this.find('[data-role="confusion"]'), report.confusion);
        this.showFilters(report.filters);
        this.find('[data-role="wrong"]').replaceChildren(...report.wrong.map((w) => figureOf(w.pixels, 28, 28, `${w.truth} → ${w.predicted}`, `A ${w.truth} taken for a ${w.predicted}`)));
        drawCurves(this.find<SVGSVGElement>('[data-role="curves"]'), this.#points, this.#tests);
        this.announce(`Test accuracy after ${formatNumber(report.epoch, 3)} epochs: ${(100 * report.accuracy).toFixed(2)}%, ${report.wrongCount} of 1,500 test digits wrong.`);
        this.inspect();
        this.predictSoon();
        break;
      case 'prediction':
        this.showGuess(report.probabilities);
        if (this.#drawnSince) this.predictSoon();
        break;
      case 'inspection':
        if (report.id === this.#request) this.showInside(report);
        break;
      case 'gradcheck':
        this.showGradcheck(report.rows);
        break;
      case 'export':
        this.showExport(report.layers, report.parameters);
        break;
      case 'error':
        this.showError(report.message);
        this.#running = false;
        this.setButton();
        break;
    }
  }

  private setButton(): void {
    const button = this.find('[data-role="run"]');
    button.textContent = this.#running ? 'Pause' : this.#points.length ? 'Resume' : 'Train';
  }

  private showStatus(report: Extract<LabReport, { type: 'progress' }>): void {
    const last = this.#points.at(-1);
    const test = this.#tests.at(-1);
    const parts = [`Epoch ${formatNumber(report.epoch, 3)} (${report.steps.toLocaleString('en-US')} steps, ${Math.round(report.seconds)} s)`];
    if (last) parts.push(`loss ${formatNumber(last.loss, 3)} nats`, `training accuracy ${(100 * last.trainAccuracy).toFixed(1)}%`);
    if (test) parts.push(`test accuracy ${(100 * test.accuracy).toFixed(2)}%`);
    if (report.examplesPerSecond > 0) parts.push(`${Math.round(report.examplesPerSecond).toLocaleString('en-US')} digits/s`, `η = ${formatNumber(report.learningRate, 3)}`);
    this.find('[data-role="status"]').textContent = parts.join(' · ');
    if (report.point) drawCurves(this.find<SVGSVGElement>('[data-role="curves"]'), this.#points, this.#tests);
    if (!report.running && report.steps > 0) this.announce(`Paused. ${parts.join(', ')}.`);
  }

  /** Classifies the pad's digit (MNIST's preprocessing first) at the next frame, one request at a time; the first drawing starts the worker. */
  private predictSoon(): void {
    this.#drawnSince = true;
    if (this.#predictPending) return;
    if (this.#pad.empty) {
      renderBars(this.find('[data-role="guess"]'), Array.from({ length: 10 }, (_, d) => ({ label: String(d), value: 0, text: '—' })), { scale: 1 });
      this.find('[data-role="guess-text"]').textContent = 'Nothing drawn yet.';
      this.#lastReading = -1;
      return;
    }
    this.#predictPending = true;
    this.#drawnSince = false;
    requestAnimationFrame(() => this.send({ type: 'predict', id: 0, pixels: prepareDrawnDigit(this.#pad.ink, 28, 28) }));
  }

  private showGuess(probabilities: number[]): void {
    renderBars(this.find('[data-role="guess"]'), probabilities.map((p, d) => ({ label: String(d), value: p, text: `${(100 * p).toFixed(1)}%` })), { scale: 1 });
    const best = probabilities.indexOf(Math.max(...probabilities));
    const reading = `It reads your digit as ${best}, with probability ${(100 * probabilities[best]!).toFixed(0)}%.`;
    this.find('[data-role="guess-text"]').textContent = reading;
    // Announced when the reading changes, not on every stroke.
    if (best !== this.#lastReading) this.announce(reading);
    this.#lastReading = best;
  }

  /** Asks for the chosen test digit's feature maps (this loads the digits if they are not loaded yet). */
  private inspect(): void {
    if (!this.#worker && !this.#points.length) {
      this.find('[data-role="inside-caption"]').textContent = 'Train (or press Train and pause) to load the digits; then each layer’s maps of test digit shown here.';
      return;
    }
    this.#askedDigit = this.state.digit;
    this.send({ type: 'inspect', id: ++this.#request, test: this.state.digit });
  }

  private showInside(report: Extract<LabReport, { type: 'inspection' }>): void {
    this.#inspected = report;
    const best = report.probabilities.indexOf(Math.max(...report.probabilities));
    this.find('[data-role="inside-caption"]').textContent = `Test digit ${this.state.digit}: a ${report.truth}, read as ${best} (${(100 * report.probabilities[best]!).toFixed(1)}%). What each layer makes of it:`;
    // New maps replace the old ones after each evaluation: a reader moving through a map keeps their place.
    const holder = this.find('[data-role="maps"]');
    const focused = [...holder.querySelectorAll('canvas')].indexOf(document.activeElement as HTMLCanvasElement);
    holder.replaceChildren(...mapRows(report.maps, MAPS_SHOWN));
    this.markPickable();
    if (focused >= 0) holder.querySelectorAll('canvas')[focused]?.focus();
    this.showReceptiveField();
  }

  /** The maps of the chosen layer are the ones a click or the arrow keys pick a unit in. */
  private markPickable(): void {
    for (const canvas of this.querySelectorAll<HTMLCanvasElement>('[data-role="maps"] canvas[data-layer]')) {
      const pickable = canvas.dataset['layer'] === String(this.state.rfLayer);
      canvas.toggleAttribute('data-pickable', pickable);
      if (pickable) canvas.tabIndex = 0;
      else canvas.removeAttribute('tabindex');
    }
  }

  /** Click or arrow keys on a map of the chosen layer pick the unit whose receptive field is drawn (one listener for all maps). */
  private bindMapPicking(): void {
    const maps = this.find('[data-role="maps"]');
    const target = (event: Event) => (event.target as Element).closest<HTMLCanvasElement>('canvas[data-pickable]');
    this.on<MouseEvent>(maps, 'click', (event) => {
      const canvas = target(event);
      if (!canvas) return;
      const [h, w] = canvas.dataset['size']!.split(' ').map(Number) as [number, number];
      const box = canvas.getBoundingClientRect();
      this.set({ rfY: Math.min(h - 1, Math.floor(((event.clientY - box.top) / box.height) * h)), rfX: Math.min(w - 1, Math.floor(((event.clientX - box.left) / box.width) * w)) });
    });
    this.on<KeyboardEvent>(maps, 'keydown', (event) => {
      const canvas = target(event);
      const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
      if (!canvas || !move) return;
      event.preventDefault();
      const [h, w] = canvas.dataset['size']!.split(' ').map(Number) as [number, number];
      this.set({ rfY: Math.max(0, Math.min(h - 1, Math.min(this.state.rfY, h - 1) + move[0]!)), rfX: Math.max(0, Math.min(w - 1, Math.min(this.state.rfX, w - 1) + move[1]!)) });
    });
  }

  /** The chosen unit's receptive field, from the network's conv and pooling layers (analyze), on the input. */
  private showReceptiveField(): void {
    const caption = this.find('[data-role="rf-caption"]');
    const canvas = this.find<HTMLCanvasElement>('[data-role="rf-view"]');
    const layer = this.#network?.shapes[this.state.rfLayer - 1];
    const rfLayers = this.#network?.receptiveFieldLayers() ?? [];
    const upTo = rfLayers.findIndex((l) => l.name === layer?.name);
    canvas.hidden = !this.#inspected || upTo < 0;
    if (!layer || layer.shape.length !== 3 || !this.#inspected || upTo < 0) return void (caption.textContent = '');
    const result = analyze(rfLayers.slice(0, upTo + 1), 28).at(-1)!;
    const [y, x] = [Math.min(this.state.rfY, result.outputSize[0] - 1), Math.min(this.state.rfX, result.outputSize[1] - 1)];
    const [top, bottom] = receptiveFieldRegion(result, y, 0);
    const [left, right] = receptiveFieldRegion(result, x, 1);
    paintField(canvas, this.#inspected.pixels, [top, bottom, left, right]);
    const padding = top < 0 || left < 0 || bottom > 27 || right > 27 ? ', partly padding' : '';
    caption.textContent = `Unit (${y}, ${x}) of ${layer.name} sees input rows ${top}…${bottom} and columns ${left}…${right}: ${bottom - top + 1}×${right - left + 1} pixels (inside the frame${padding}; the rest of the digit is dimmed).`;
    canvas.setAttribute('aria-label', `Test digit ${this.state.digit} with the receptive field of unit (${y}, ${x}) of ${layer.name} framed`);
  }

  /** The receptive-field layer select: the layers whose output is still a map. */
  private rfLayerSelect(editor: FieldEditor<number>): Binding<number> {
    const select = this.find<HTMLSelectElement>(`#${this.id}-rf-layer`);
    select.addEventListener('change', () => editor.valid(Number(select.value), select));
    return {
      write: (value) => {
        const options = (this.#network?.shapes ?? []).map((s, k) => ({ s, k })).filter(({ s }) => s.shape.length === 3 && !s.name.startsWith('relu'));
        select.replaceChildren(...options.map(({ s, k }) => new Option(`${s.name} (${s.shape.slice(1).join('×')})`, String(k + 1))));
        select.value = String(options.some(({ k }) => k + 1 === value) ? value : options.at(-1)?.k ?? 0);
        select.disabled = options.length === 0;
      },
    };
  }

  private showFilters(filters: { shape: number[]; data: Float64Array } | null): void {
    const holder = this.find('[data-role="filters"]');
    if (!filters) return void holder.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'This network has no convolution.' }));
    const [count, h, w] = filters.shape as [number, number, number];
    holder.replaceChildren(...Array.from({ length: count }, (_, k) => figureOf(filters.data.subarray(k * h * w, (k + 1) * h * w), w, h, `kernel ${k + 1}`, `Kernel ${k + 1} of the first convolution`)));
  }

  private showGradcheck(rows: { name: string; backprop: number; numeric: number }[]): void {
    const cells = (tag: 'th' | 'td', texts: string[]) => {
      const row = document.createElement('tr');
      texts.forEach((text) => row.append(Object.assign(document.createElement(tag), { textContent: text, ...(tag === 'th' ? { scope: 'col' } : {}) })));
      return row;
    };
    const body = rows.map((r) => cells('td', [r.name, formatNumber(r.backprop, 6), formatNumber(r.numeric, 6), formatNumber(Math.abs(r.backprop - r.numeric) / Math.max(1e-12, Math.abs(r.backprop) + Math.abs(r.numeric)), 2)]));
    this.find('[data-role="gradcheck-table"]').replaceChildren(cells('th', ['parameter', 'backprop', 'central differences', 'relative difference']), ...body);
    const worst = Math.max(...rows.map((r) => Math.abs(r.backprop - r.numeric) / Math.max(1e-12, Math.abs(r.backprop) + Math.abs(r.numeric))));
    this.announce(`Gradient check on ${rows.length} parameters: the largest relative difference is ${formatNumber(worst, 2)}.`);
  }

  private showExport(layers: NetworkLayer[], parameters: Float64Array): void {
    const network = createNetwork(layers, { inputShape: [1, 28, 28] });
    const code = pytorchCode(network);
    this.#exportUrls.forEach((url) => URL.revokeObjectURL(url));
    this.#exportUrls = [new Blob([weightsJson(network, parameters)], { type: 'application/json' }), new Blob([code], { type: 'text/x-python' })].map((blob) => URL.createObjectURL(blob));
    this.find<HTMLAnchorElement>('[data-role="download-weights"]').href = this.#exportUrls[0]!;
    this.find<HTMLAnchorElement>('[data-role="download-code"]').href = this.#exportUrls[1]!;
    this.find('[data-role="export-code"]').textContent = code;
    this.find('[data-role="export-files"]').hidden = false;
    this.announce('Weights and PyTorch code ready to save.');
  }
}

defineWidget('cnn-lab', CnnLab);
