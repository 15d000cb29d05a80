/** The messages between the CNN lab (cnn-lab.ts) and its worker (lab-worker.ts). */
import type { NetworkLayer, OptimizerConfig } from '../../src/compute';

/** Everything that defines a training run; a new one starts the run afresh. */
export interface LabSettings {
  generation: number;
  layers: NetworkLayer[];
  optimizer: OptimizerConfig;
  batchSize: number;
  augment: boolean;
  schedule: boolean;
  seed: number;
  /** Where the digit file is (the page knows the site's base path). */
  dataUrl: string;
}

export type LabRequest =
  | { type: 'reset'; settings: LabSettings }
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'predict'; id: number; pixels: Float64Array }
  | { type: 'inspect'; id: number; test: number }
  | { type: 'gradcheck' }
  | { type: 'erf'; id: number; layer: number; y: number; x: number }
  | { type: 'export' };

/** One point of the curves: loss and accuracy at a moment of training (epochs, fractional). */
export interface CurvePoint {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  testAccuracy?: number;
}

export type LabReport =
  | { type: 'loading'; generation: number; what: string }
  | { type: 'progress'; generation: number; running: boolean; epoch: number; steps: number; examples: number; examplesPerSecond: number; learningRate: number; seconds: number; point: CurvePoint | null; parameterCount: number; simd: boolean }
  | { type: 'evaluation'; generation: number; epoch: number; accuracy: number; loss: number; confusion: Int32Array; wrong: { index: number; truth: number; predicted: number; pixels: Uint8Array }[]; filters: { shape: number[]; data: Float64Array } | null; wrongCount: number }
  | { type: 'prediction'; generation: number; id: number; probabilities: number[] }
  | { type: 'inspection'; generation: number; id: number; index: number; truth: number; pixels: Uint8Array; probabilities: number[]; maps: { name: string; shape: number[]; data: Float64Array }[] }
  | { type: 'gradcheck'; generation: number; rows: { parameter: number; name: string; backprop: number; numeric: number }[] }
  | { type: 'export'; generation: number; layers: NetworkLayer[]; parameters: Float64Array }
  | { type: 'erf'; generation: number; id: number; layer: string; y: number; x: number; rf: number; centre: [number, number]; epoch: number; digits: number; channels: number; before: ErfField; after: ErfField }
  | { type: 'error'; generation: number; message: string };

/** One effective receptive field on the 28 × 28 input: the map (sums to 1), its spread per axis and 95 % square. */
export interface ErfField {
  map: Float64Array;
  std: [number, number];
  mass95: number;
}
