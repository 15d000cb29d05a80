/**
 * The networks the CNN lab offers, as layer lists (createNetwork's description), each with training settings that
 * work for it. The default is LeNet-5 (LeCun, Bottou, Bengio & Haffner, 1998) with ReLU and max pooling in place of
 * its sigmoids and subsampling, as it is usually built today.
 */
import type { NetworkLayer } from './network-stages.ts';
import type { CnnTrainingOptions } from './cnn-trainer.ts';

/** A network for 28 × 28 digits and how to train it. */
export interface CnnPreset {
  title: string;
  layers: NetworkLayer[];
  training: Omit<CnnTrainingOptions, 'seed'>;
}

const adam = (lr: number): CnnTrainingOptions['optimizer'] => ({ type: 'adam', lr });

/** The lab's networks by key; `lenet5` is the default. */
export const cnnPresets = {
  lenet5: {
    title: 'LeNet-5 (two convolutions, three linear layers)',
    layers: [
      { kind: 'conv', out: 6, kernel: 5, padding: 2 },
      { kind: 'relu' },
      { kind: 'maxpool', kernel: 2 },
      { kind: 'conv', out: 16, kernel: 5 },
      { kind: 'relu' },
      { kind: 'maxpool', kernel: 2 },
      { kind: 'flatten' },
      { kind: 'linear', out: 120 },
      { kind: 'relu' },
      { kind: 'linear', out: 84 },
      { kind: 'relu' },
      { kind: 'linear', out: 10 },
    ],
    training: { optimizer: adam(0.003), batchSize: 32, augment: true, schedule: { every: 2, factor: 0.5 } },
  },
  tiny: {
    title: 'Tiny (one convolution, one linear layer)',
    layers: [{ kind: 'conv', out: 4, kernel: 5 }, { kind: 'relu' }, { kind: 'maxpool', kernel: 2 }, { kind: 'flatten' }, { kind: 'linear', out: 10 }],
    training: { optimizer: adam(0.003), batchSize: 32, augment: false },
  },
  mlp: {
    title: 'No convolution (two linear layers)',
    layers: [{ kind: 'flatten' }, { kind: 'linear', out: 100 }, { kind: 'relu' }, { kind: 'linear', out: 10 }],
    training: { optimizer: adam(0.001), batchSize: 32, augment: false },
  },
} satisfies Record<string, CnnPreset>;

/** The keys of the lab's networks. */
export type CnnPresetName = keyof typeof cnnPresets;
