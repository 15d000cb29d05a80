/**
 * Networks for the receptive-field engine. The seed's three (AlexNet, VGG16, ZF-5, as its script defines them,
 * [kernel, stride, padding] per layer) and the feature extractors of torchvision's models up to their last spatial
 * feature map, transcribed from torchvision's model definitions (convolutions, pooling and merges only: batch norm,
 * activations and dropout do not change geometry).
 */
import type { Layer } from './receptive-field.ts';
import { NetworkBuilder } from './network-builder.ts';
import { torchvisionPresets } from './rf-torchvision.ts';

/** A named network with the input size it is usually analysed at. */
export interface Preset {
  title: string;
  inputSize: number;
  layers: Layer[];
}

/** The seed script's [kernel, stride, padding] tables as layers (its "pool" layers are max pooling). */
function fromTable(rows: readonly (readonly [string, number, number, number])[]): Layer[] {
  return rows.map(([name, kernel, stride, padding]) => ({
    name,
    kind: name.startsWith('pool') ? 'maxpool' : 'conv',
    kernel,
    stride,
    padding,
  }));
}

const seedVgg16 = (): Layer[] => {
  const builder = new NetworkBuilder();
  [2, 2, 3, 3, 3].forEach((convs, block) => {
    for (let i = 1; i <= convs; i++) builder.conv(`conv${block + 1}_${i}`, 3, { padding: 1 });
    builder.maxpool(`pool${block + 1}`, 2, { stride: 2 });
  });
  return builder.layers.map(({ inputs: _inputs, ...layer }) => layer);
};

/** Every preset, by key: `npm run rf -- --list` prints them. */
export const presets: Record<string, Preset> = {
  alexnet: {
    title: 'AlexNet, as in the seed script',
    inputSize: 224,
    layers: fromTable([
      ['conv1', 11, 4, 0],
      ['pool1', 3, 2, 0],
      ['conv2', 5, 1, 2],
      ['pool2', 3, 2, 0],
      ['conv3', 3, 1, 1],
      ['conv4', 3, 1, 1],
      ['conv5', 3, 1, 1],
      ['pool5', 3, 2, 0],
    ]),
  },
  vgg16: { title: 'VGG16, as in the seed script', inputSize: 224, layers: seedVgg16() },
  zf5: {
    title: 'ZF-5, as in the seed script',
    inputSize: 224,
    layers: fromTable([
      ['conv1', 7, 2, 3],
      ['pool1', 3, 2, 1],
      ['conv2', 5, 2, 2],
      ['pool2', 3, 2, 1],
      ['conv3', 3, 1, 1],
      ['conv4', 3, 1, 1],
      ['conv5', 3, 1, 1],
    ]),
  },
  ...torchvisionPresets,
};
