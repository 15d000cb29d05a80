/**
 * The classifier widget's trainer, off the main thread: the page only draws what this posts, so training never
 * delays a frame. Messages in: reset (new data and settings), run, pause, step. Messages out: the model's weights,
 * the epoch, loss and accuracy, whether it is still running, tagged with the reset's generation so the page can
 * ignore answers about settings it has since replaced.
 */
import { createTrainer, makeDataset, type OptimizerConfig } from '../../src/compute';

export interface TrainSettings {
  generation: number;
  data: 'blobs' | 'moons' | 'spiral';
  points: number;
  degree: number;
  batchSize: number;
  optimizer: OptimizerConfig;
  seed: number;
  maxEpochs: number;
}
export type TrainRequest = { type: 'reset'; settings: TrainSettings } | { type: 'run' } | { type: 'pause' } | { type: 'step' } | { type: 'learning-rate'; lr: number };
export type TrainReport =
  | { type: 'state'; generation: number; epoch: number; weights: number[][]; loss: number; accuracy: number; running: boolean }
  | { type: 'error'; generation: number; message: string };

/**
 * Training time per slice, and the pause between slices: about 150 epochs a second on the spiral, while leaving
 * most of a core to the page (on a 2-core machine a busier worker made the page drop frames).
 */
const SLICE_MS = 3;
const PAUSE_MS = 17;

let trainer: ReturnType<typeof createTrainer> | null = null;
let settings: TrainSettings | null = null;
let epoch = 0;
let running = false;
let timer: ReturnType<typeof setTimeout> | undefined;

const post = (report: TrainReport) => (self as unknown as Worker).postMessage(report);

function report(): void {
  if (!trainer || !settings) return;
  const { loss, accuracy } = trainer.evaluate();
  post({ type: 'state', generation: settings.generation, epoch, weights: trainer.model.weights, loss, accuracy, running });
}

function slice(): void {
  if (!trainer || !settings || !running) return;
  const start = performance.now();
  do {
    trainer.epoch();
    epoch++;
  } while (performance.now() - start < SLICE_MS && epoch < settings.maxEpochs);
  const done = epoch >= settings.maxEpochs || !trainer.model.weights.every((row) => row.every(Number.isFinite));
  if (done) running = false;
  report();
  if (running) timer = setTimeout(slice, PAUSE_MS);
}

self.addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  const request = event.data;
  clearTimeout(timer);
  try {
    if (request.type === 'reset') {
      settings = request.settings;
      const data = makeDataset(settings.data, settings.points, settings.seed);
      trainer = createTrainer(data, { degree: settings.degree, batchSize: settings.batchSize, optimizer: settings.optimizer, seed: settings.seed });
      epoch = 0;
      running = false;
    } else if (request.type === 'run') {
      running = true;
      slice();
    } else if (request.type === 'learning-rate' && trainer && settings) {
      // A new η changes the next step, not the past: training goes on from the same weights and optimiser state.
      trainer.learningRate = request.lr;
      settings = { ...settings, optimizer: { ...settings.optimizer, lr: request.lr } };
      if (running) timer = setTimeout(slice, PAUSE_MS);
    } else if (request.type === 'pause') {
      running = false;
      report();
    } else if (request.type === 'step' && trainer && settings && epoch < settings.maxEpochs) {
      running = false;
      trainer.epoch();
      epoch++;
      report();
    }
  } catch (error) {
    running = false;
    post({ type: 'error', generation: settings?.generation ?? 0, message: error instanceof Error ? error.message : String(error) });
  }
});
