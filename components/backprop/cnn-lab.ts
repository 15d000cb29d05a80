/**
 * Behaviour of CnnLab.astro, loaded when the widget comes near the viewport. The page keeps the settings (the
 * widget's state), draws what the worker reports, and asks it for predictions, digits to look inside, a gradient
 * check and the weights; the worker (lab-worker.ts, started on first use) owns the network and the training run.
 */
import { createNetwork, parseLayerText, prepareDrawnDigit, type Network, type NetworkLayer } from '../../src/compute';
import { NotebookWidget, defineWidget } from '../lib/widget';
import { renderBars } from '../lib/bars';
import { formatNumber, formatWhole } from '../lib/format';
import type { Binding, FieldEditor } from '../lib/controls';
import type { SpecState } from '../lib/spec';
import { BEFORE_FIRST_TEST, cnnLabSpec, optimizerFor } from './cnn-lab.spec';
import { watchWidth } from '../lib/width';
import { DrawPad } from './draw-pad';
import { drawCurves, gradcheckRows, renderConfusion, showFigures, showFilters, worstDifference } from './lab-views';
import { chosenUnit, markPickable, pickedUnit, renderErf, renderInside, renderReceptiveField } from './lab-inside';
import type { CurvePoint, LabReport, LabRequest, LabSettings } from './lab-protocol';
import { pytorchCode, weightsJson } from './pytorch-export';

type State = SpecState<typeof cnnLabSpec>;

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
  /** The request id of the effective-receptive-field measurement shown (or under way). */
  #erfAsked = 0;
  #erfFor = '';
  /** The test digit last asked for (-1: none since the settings changed). */
  #askedDigit = -1;
  #exportUrls: string[] = [];
  /** Set by "Start again": the next render starts a new run even with the same settings. */
  #restart = false;
  /** The curves' width on screen, from watchWidth (0 until laid out). */
  #curvesWidth = 0;

  protected override setup(): void {
    this.#pad = new DrawPad(this.find('[data-role="pad"]'), () => this.predictSoon());
    this.bindCustom('rfLayer', (editor) => this.rfLayerSelect(editor));
    this.bindMapPicking();
    // The curves are drawn at the plot's width in pixels: redraw when it changes.
    watchWidth(this.find<SVGSVGElement>('[data-role="curves"]'), (width) => {
      this.#curvesWidth = width;
      this.redrawCurves();
    });
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
    this.on(this.find('[data-role="erf"]'), 'click', () => this.measureErf());
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
      this.find('[data-role="status"]').textContent = `${formatWhole(network.parameterCount)} parameters, not trained yet. Train loads 10,000 handwritten digits (1.6 MB) and learns from 8,500 of them; the other 1,500 test it.`;
      this.redrawCurves();
      this.find('[data-role="maps"]').replaceChildren();
      const waiting = () => Object.assign(document.createElement('p'), { className: 'field-hint', textContent: BEFORE_FIRST_TEST });
      for (const role of ['filters', 'wrong']) this.find(`[data-role="${role}"]`).replaceChildren(waiting());
      this.find('[data-role="confusion"]').replaceChildren();
      this.find('[data-role="gradcheck-table"]').replaceChildren();
    }
    if (state.digit !== this.#askedDigit) this.inspect();
    else {
      markPickable(this, state.rfLayer);
      renderReceptiveField(this, this.#network, this.#inspected, state);
    }
    this.clearErfIfMoved();
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
        showFilters(this.find('[data-role="filters"]'), report.filters);
        showFigures(this.find('[data-role="wrong"]'), report.wrong.map((w) => ({ values: w.pixels, width: 28, height: 28, caption: `${w.truth} → ${w.predicted}`, label: `A ${w.truth} taken for a ${w.predicted}` })));
        this.redrawCurves();
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
        this.find('[data-role="gradcheck-table"]').replaceChildren(...gradcheckRows(report.rows));
        this.announce(`Gradient check on ${report.rows.length} parameters: the largest relative difference is ${formatNumber(worstDifference(report.rows), 2)}.`);
        break;
      case 'erf':
        if (report.id === this.#erfAsked) this.announce(renderErf(this, report));
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

  /** Draws the loss and accuracy curves so far at the plot's last observed width. */
  private redrawCurves(): void {
    drawCurves(this.find<SVGSVGElement>('[data-role="curves"]'), this.#curvesWidth, this.#points, this.#tests);
  }

  private setButton(): void {
    const button = this.find('[data-role="run"]');
    button.textContent = this.#running ? 'Pause' : this.#points.length ? 'Resume' : 'Train';
  }

  private showStatus(report: Extract<LabReport, { type: 'progress' }>): void {
    const last = this.#points.at(-1);
    const test = this.#tests.at(-1);
    const parts = [`Epoch ${formatNumber(report.epoch, 3)} (${formatWhole(report.steps)} steps, ${Math.round(report.seconds)} s)`];
    if (last) parts.push(`loss ${formatNumber(last.loss, 3)} nats`, `training accuracy ${(100 * last.trainAccuracy).toFixed(1)}%`);
    if (test) parts.push(`test accuracy ${(100 * test.accuracy).toFixed(2)}%`);
    const speed = `${formatWhole(report.examplesPerSecond)} digits/s${report.simd ? '' : ' (without WebAssembly, slower)'}`;
    if (report.examplesPerSecond > 0) parts.push(speed, `η = ${formatNumber(report.learningRate, 3)}`);
    this.dataset['kernels'] = report.simd ? 'webassembly' : 'javascript';
    this.find('[data-role="status"]').textContent = parts.join(' · ');
    if (report.point) this.redrawCurves();
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
    renderInside(this, report, this.state.digit, this.state.rfLayer);
    renderReceptiveField(this, this.#network, report, this.state);
  }

  /** Click or arrow keys on a map of the chosen layer pick the unit whose receptive field is drawn (one listener for all maps). */
  private bindMapPicking(): void {
    const maps = this.find('[data-role="maps"]');
    const pick = (event: MouseEvent | KeyboardEvent) => {
      const canvas = (event.target as Element).closest<HTMLCanvasElement>('canvas[data-pickable]');
      const unit = canvas && pickedUnit(event, canvas, this.state);
      if (!unit) return;
      event.preventDefault();
      this.set(unit);
    };
    this.on<MouseEvent>(maps, 'click', pick);
    this.on<KeyboardEvent>(maps, 'keydown', pick);
  }

  /** A measured effective receptive field belongs to one unit of one run: choosing another hides it. */
  private clearErfIfMoved(): void {
    const unit = chosenUnit(this.#network, this.state);
    const key = `${this.#generation} ${this.state.rfLayer} ${unit?.y} ${unit?.x}`;
    if (key === this.#erfFor) return;
    this.#erfFor = key;
    this.#erfAsked = 0;
    for (const role of ['erf-before', 'erf-after']) this.find(`[data-role="${role}"]`).hidden = true;
    this.find('[data-role="erf-caption"]').textContent = unit ? `Measure how much each pixel moves unit (${unit.y}, ${unit.x}) of ${unit.name}, with the starting weights and with the weights now.` : '';
  }

  /** Asks for the chosen unit's effective receptive field before and after training (it loads the digits if needed). */
  private measureErf(): void {
    const unit = chosenUnit(this.#network, this.state);
    if (!unit) return;
    this.#erfAsked = ++this.#request;
    this.find('[data-role="erf-caption"]').textContent = `Measuring unit (${unit.y}, ${unit.x}) of ${unit.name} on 24 test digits…`;
    this.send({ type: 'erf', id: this.#erfAsked, layer: this.state.rfLayer, y: unit.y, x: unit.x });
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

  private showExport(layers: NetworkLayer[], parameters: Float64Array): void {
    const network = createNetwork(layers, { inputShape: [1, 28, 28] });
    const code = pytorchCode(network);
    this.#exportUrls.forEach((url) => URL.revokeObjectURL(url));
    this.#exportUrls = [new Blob([weightsJson(network, parameters)], { type: 'application/json' }), new Blob([code], { type: 'text/x-python' })].map((blob) => URL.createObjectURL(blob));
    // The links are made here, with their blob addresses: a link without an address is no link at all.
    const link = (role: string, name: string, url: string) => {
      const a = Object.assign(document.createElement('a'), { href: url, download: name, textContent: name });
      a.dataset['role'] = role;
      return a;
    };
    this.find('[data-role="downloads"]').replaceChildren(link('download-weights', 'weights.json', this.#exportUrls[0]!), link('download-code', 'model.py', this.#exportUrls[1]!));
    this.find('[data-role="export-code"]').textContent = code;
    this.find('[data-role="export-files"]').hidden = false;
    this.announce('Weights and PyTorch code ready to save.');
  }
}

defineWidget('cnn-lab', CnnLab);
