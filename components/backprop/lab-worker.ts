/**
 * The CNN lab's trainer, off the main thread: it loads the digits on first use, trains in short slices (so that the
 * page's requests — a drawn digit to classify, a digit to inspect — are answered between them), evaluates on the
 * 1,500 test digits every half epoch, and reports what the page draws. Messages: lab-protocol.ts.
 */
import {
  argmax,
  cnnPresets,
  createCnnTrainer,
  createNetwork,
  decodeDigits,
  digitInput,
  DIGIT_SPLIT,
  evaluateDigits,
  positionEffectiveReceptiveField,
  softmax,
  truncateNetwork,
  splitDigits,
  useSimd,
  type DigitSet,
  type Evaluation,
  type Network,
} from '../../src/compute';
import type { CurvePoint, LabReport, LabRequest, LabSettings } from './lab-protocol';

// Training is where the convolutions' WebAssembly kernels pay (the same numbers, 1.4–1.7 times the speed); false
// where the browser or the site's policy refuses WebAssembly, and the JavaScript loops run instead.
const simd = useSimd();

/** Training time per slice, and the pause after it, which leaves the page's core alone to draw. */
const SLICE_MS = 40;
const PAUSE_MS = 8;
/** Test digits evaluated per slice while an evaluation is under way. */
const EVAL_CHUNK = 300;
/** Mistakes sent to the page for its gallery. */
const SHOWN_WRONG = 24;

let settings: LabSettings | null = null;
let digits: DigitSet | null = null;
let split: { train: Int32Array; test: Int32Array } | null = null;
let network: Network | null = null;
/** The parameters the run started from, for the effective receptive field at initialisation. */
let initial: Float64Array | null = null;
let trainer: ReturnType<typeof createCnnTrainer> | null = null;
let running = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let seconds = 0;
let lastReport = 0;
/** Running sums since the last curve point. */
let window = { loss: 0, correct: 0, seen: 0 };
let nextPoint = 0;
let nextEvaluation = 0.5;
let evaluation: { cursor: number; parts: Evaluation[]; epoch: number } | null = null;

const post = (report: LabReport, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(report, transfer);
const generation = () => settings?.generation ?? 0;

/** Fetches and decodes the digit file once (gzip-compressed by us; a host may have decompressed it already). */
async function loadDigits(url: string): Promise<DigitSet> {
  if (digits) return digits;
  post({ type: 'loading', generation: generation(), what: 'Loading 10,000 handwritten digits (1.6 MB)…' });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The digits could not be loaded (${response.status}).`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  digits = decodeDigits(bytes);
  split = splitDigits(digits.labels, DIGIT_SPLIT);
  return digits;
}

function reset(next: LabSettings): void {
  settings = next;
  running = false;
  clearTimeout(timer);
  network = createNetwork(next.layers, { inputShape: [1, 28, 28], seed: next.seed });
  initial = network.parameters();
  trainer = null;
  [seconds, nextPoint, nextEvaluation, evaluation] = [0, 0, 0.5, null];
  window = { loss: 0, correct: 0, seen: 0 };
  report(null, true);
}

function ensureTrainer(): ReturnType<typeof createCnnTrainer> {
  if (!trainer) {
    const s = settings!;
    trainer = createCnnTrainer(network!, digits!, split!.train, { optimizer: s.optimizer, batchSize: s.batchSize, seed: s.seed, augment: s.augment, ...(s.schedule ? { schedule: cnnPresets.lenet5.training.schedule } : {}) });
  }
  return trainer;
}

/** Sends progress (at most every 150 ms unless forced), with a curve point when one is due. */
function report(point: CurvePoint | null, force = false): void {
  const now = performance.now();
  if (!force && !point && now - lastReport < 150) return;
  lastReport = now;
  const t = trainer;
  post({ type: 'progress', generation: generation(), running, epoch: t?.epoch ?? 0, steps: t?.steps ?? 0, examples: t?.examples ?? 0, examplesPerSecond: t && seconds > 0 ? t.examples / seconds : 0, learningRate: t?.learningRate ?? settings!.optimizer.lr, seconds, point, parameterCount: network!.parameterCount, simd });
}

/** One slice: a chunk of a pending evaluation, or training until the slice's time is up. */
function slice(): void {
  if (!running || !network || !digits || !split) return;
  try {
    if (evaluation) evaluateChunk();
    else trainUntil(performance.now() + SLICE_MS);
  } catch (error) {
    running = false;
    post({ type: 'error', generation: generation(), message: error instanceof Error ? error.message : String(error) });
    report(null, true);
    return;
  }
  timer = setTimeout(slice, PAUSE_MS);
}

/** Trains batch after batch until `deadline`, sending a curve point every 1/20 epoch; stops early to evaluate. */
function trainUntil(deadline: number): void {
  const t = ensureTrainer();
  const begin = performance.now();
  while (performance.now() < deadline) {
    const step = t.step();
    if (!Number.isFinite(step.loss)) throw new RangeError('The loss is no longer a finite number: the learning rate is too large for this network.');
    window = { loss: window.loss + step.loss * step.size, correct: window.correct + step.correct, seen: window.seen + step.size };
    if (t.epoch < nextPoint) continue;
    nextPoint = t.epoch + 0.05;
    seconds += (performance.now() - begin) / 1000;
    report({ epoch: t.epoch, loss: window.loss / window.seen, trainAccuracy: window.correct / window.seen });
    window = { loss: 0, correct: 0, seen: 0 };
    if (t.epoch >= nextEvaluation) {
      nextEvaluation = Math.floor(t.epoch * 2 + 1e-9) / 2 + 0.5;
      evaluation = { cursor: 0, parts: [], epoch: t.epoch };
    }
    return;
  }
  seconds += (performance.now() - begin) / 1000;
  report(null);
}

/** Evaluates the next chunk of test digits; on the last one, sends the evaluation. */
function evaluateChunk(): void {
  const e = evaluation!;
  const indices = split!.test.subarray(e.cursor, e.cursor + EVAL_CHUNK);
  e.parts.push(evaluateDigits(network!, digits!, indices));
  e.cursor += indices.length;
  if (e.cursor < split!.test.length) return;
  evaluation = null;
  const confusion = new Int32Array(100);
  e.parts.forEach((part) => part.confusion.forEach((v, k) => (confusion[k]! += v)));
  const wrong = e.parts.flatMap((part) => part.wrong);
  const total = split!.test.length;
  const loss = e.parts.reduce((sum, part, k) => sum + part.loss * Math.min(EVAL_CHUNK, total - k * EVAL_CHUNK), 0) / total;
  const accuracy = 1 - wrong.length / total;
  post({
    type: 'evaluation', generation: generation(), epoch: e.epoch, accuracy, loss, confusion, wrongCount: wrong.length, filters: firstFilters(),
    wrong: wrong.slice(0, SHOWN_WRONG).map((index) => ({ index, truth: digits!.labels[index]!, predicted: argmax(network!.forward(digitInput(digits!, index)).data), pixels: digits!.images.slice(index * 784, (index + 1) * 784) })),
  });
}

/** The first convolution's kernels [O, kH, kW] (its input is the one-channel image, and its weights come first). */
function firstFilters(): { shape: number[]; data: Float64Array } | null {
  const layer = network!.layers.find((l) => l.kind === 'conv');
  if (!layer || layer.kind !== 'conv') return null;
  const [kh, kw] = typeof layer.kernel === 'number' ? [layer.kernel, layer.kernel] : layer.kernel;
  return { shape: [layer.out, kh, kw], data: network!.parameters().slice(0, layer.out * kh * kw) };
}

/** Checks backprop on six parameters (the first weight of each layer with parameters, then others) by central differences. */
function gradientCheck(): void {
  const inputs = Array.from(split!.train.subarray(0, 8), (i) => digitInput(digits!, i));
  const labels = Array.from(split!.train.subarray(0, 8), (i) => digits!.labels[i]!);
  const params = network!.parameters();
  const { gradient } = network!.lossAndGradient(inputs, labels);
  const picks = [0, Math.floor(params.length / 5), Math.floor(params.length / 2), params.length - 11, params.length - 1, 7].filter((p, k, all) => p >= 0 && p < params.length && all.indexOf(p) === k);
  const h = 1e-5;
  const rows = picks.map((parameter) => {
    const keep = params[parameter]!;
    const at = (value: number) => {
      params[parameter] = value;
      network!.setParameters(params);
      return network!.lossAndGradient(inputs, labels).loss;
    };
    const numeric = (at(keep + h) - at(keep - h)) / (2 * h);
    params[parameter] = keep;
    network!.setParameters(params);
    return { parameter, name: parameterName(parameter), backprop: gradient[parameter]!, numeric };
  });
  post({ type: 'gradcheck', generation: generation(), rows });
}

/** Test digits the effective receptive field averages over: enough for a steady map, few enough to take a second. */
const ERF_DIGITS = 24;

/** The effective receptive field of position (y, x) of layer `layer` (1-based), at initialisation and now, on real digits. */
function erfBeforeAfter(request: Extract<LabRequest, { type: 'erf' }>): void {
  const inputs = Array.from(split!.test.subarray(0, ERF_DIGITS), (i) => digitInput(digits!, i));
  const start = createNetwork(settings!.layers, { inputShape: [1, 28, 28] });
  start.setParameters(initial!);
  const measure = (n: Network) => positionEffectiveReceptiveField(truncateNetwork(n, request.layer), { y: request.y, x: request.x, inputs });
  const [before, after] = [measure(start), measure(network!)];
  const field = (f: ReturnType<typeof measure>) => ({ map: f.map.data as Float64Array, std: f.std, mass95: f.mass95 });
  post({
    type: 'erf', generation: generation(), id: request.id, layer: network!.shapes[request.layer - 1]!.name, y: request.y, x: request.x, rf: after.theoretical.rf[0], centre: after.centre,
    epoch: trainer?.epoch ?? 0, digits: inputs.length, channels: Math.min(before.channels, after.channels), before: field(before), after: field(after),
  });
}

/** "conv1.weight[2, 0, 1, 3]" for a position in the flat parameter vector. */
function parameterName(index: number): string {
  const entry = network!.parameterLayout().findLast((e) => e.offset <= index)!;
  let rest = index - entry.offset;
  const position = entry.shape.map((_, d) => {
    const stride = entry.shape.slice(d + 1).reduce((a, b) => a * b, 1);
    const v = Math.floor(rest / stride);
    rest -= v * stride;
    return v;
  });
  return `${entry.layer}.${entry.key.split('.')[1]}[${position.join(', ')}]`;
}

self.addEventListener('message', (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      if (request.type === 'reset') return reset(request.settings);
      if (!settings || !network) return;
      if (request.type === 'pause') {
        running = false;
        clearTimeout(timer);
        return report(null, true);
      }
      if (request.type === 'predict') return post({ type: 'prediction', generation: generation(), id: request.id, probabilities: softmax(Array.from(network.forward({ shape: [1, 28, 28], data: request.pixels }).data)) });
      if (request.type === 'export') return post({ type: 'export', generation: generation(), layers: network.layers.map((l) => ({ ...l })), parameters: network.parameters() });
      await loadDigits(settings.dataUrl);
      if (request.type === 'run' && !running) {
        running = true;
        report(null, true);
        slice();
      } else if (request.type === 'inspect') {
        const index = split!.test[Math.min(request.test, split!.test.length - 1)]!;
        const input = digitInput(digits!, index);
        const maps = network.activations(input);
        post({ type: 'inspection', generation: generation(), id: request.id, index, truth: digits!.labels[index]!, pixels: digits!.images.slice(index * 784, (index + 1) * 784), probabilities: softmax(Array.from(maps.at(-1)!.data)), maps: maps.map((m, k) => ({ name: network!.shapes[k]!.name, shape: m.shape, data: m.data as Float64Array })) });
      } else if (request.type === 'gradcheck') gradientCheck();
      else if (request.type === 'erf') erfBeforeAfter(request);
    } catch (error) {
      running = false;
      post({ type: 'error', generation: generation(), message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
