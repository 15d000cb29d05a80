/**
 * torchvision's feature extractors as layer graphs, transcribed from torchvision/models/*.py: every convolution,
 * pooling layer and merge, with torchvision's own module names; up to the last spatial feature map (no global
 * pooling, no classifier).
 */
import type { Layer } from './receptive-field.ts';
import { NetworkBuilder } from './network-builder.ts';
import { inceptionV3 } from './rf-inception.ts';

type Preset = { title: string; inputSize: number; layers: Layer[] };

function alexnet(): Layer[] {
  const b = new NetworkBuilder();
  b.conv('features.0', 11, { stride: 4, padding: 2 });
  b.maxpool('features.2', 3, { stride: 2 });
  b.conv('features.3', 5, { padding: 2 });
  b.maxpool('features.5', 3, { stride: 2 });
  b.conv('features.6', 3, { padding: 1 });
  b.conv('features.8', 3, { padding: 1 });
  b.conv('features.10', 3, { padding: 1 });
  b.maxpool('features.12', 3, { stride: 2 });
  return b.layers;
}

/** VGG's configurations: numbers are 3×3 convolutions (padding 1), 'M' a 2×2 max pool with stride 2. */
function vgg(config: readonly (number | 'M')[]): Layer[] {
  const b = new NetworkBuilder();
  let index = 0;
  for (const item of config) {
    if (item === 'M') {
      b.maxpool(`features.${index}`, 2, { stride: 2 });
      index += 1;
    } else {
      b.conv(`features.${index}`, 3, { padding: 1 });
      index += 2; // Conv2d, ReLU
    }
  }
  return b.layers;
}
const VGG16 = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;
const VGG19 = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'] as const;

/** ResNet: BasicBlock (two 3×3) or Bottleneck (1×1, 3×3 with the stride, 1×1), with 1×1 strided downsampling. */
function resnet(blocks: readonly number[], bottleneck: boolean): Layer[] {
  const b = new NetworkBuilder();
  b.conv('conv1', 7, { stride: 2, padding: 3 });
  b.maxpool('maxpool', 3, { stride: 2, padding: 1 });
  blocks.forEach((count, stage) => {
    for (let i = 0; i < count; i++) {
      const prefix = `layer${stage + 1}.${i}`;
      const stride = stage > 0 && i === 0 ? 2 : 1;
      const input = b.current;
      if (bottleneck) {
        b.conv(`${prefix}.conv1`, 1);
        b.conv(`${prefix}.conv2`, 3, { stride, padding: 1 });
        b.conv(`${prefix}.conv3`, 1);
      } else {
        b.conv(`${prefix}.conv1`, 3, { stride, padding: 1 });
        b.conv(`${prefix}.conv2`, 3, { padding: 1 });
      }
      const main = b.current;
      // A projection shortcut where the shape changes: every stage's first block (the first stage's too, for
      // bottlenecks, which widen 64 → 256 channels).
      const needsDownsample = i === 0 && (stride !== 1 || bottleneck);
      const shortcut = needsDownsample ? b.conv(`${prefix}.downsample.0`, 1, { stride, from: input }) : input;
      b.sum(`${prefix}.add`, [main, shortcut]);
    }
  });
  return b.layers;
}

function mobilenetV2(): Layer[] {
  const b = new NetworkBuilder();
  b.conv('features.0', 3, { stride: 2, padding: 1 });
  // [expand ratio t, output channels c, repeats n, first stride s], as in torchvision.
  const settings = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]] as const;
  let index = 1;
  let channels = 32;
  for (const [t, c, n, s] of settings) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const input = b.current;
      const prefix = `features.${index}`;
      if (t !== 1) b.conv(`${prefix}.expand`, 1);
      b.conv(`${prefix}.depthwise`, 3, { stride, padding: 1 });
      b.conv(`${prefix}.project`, 1);
      if (stride === 1 && channels === c) b.sum(`${prefix}.add`, [input, b.current]);
      channels = c;
      index += 1;
    }
  }
  b.conv('features.18', 1);
  return b.layers;
}

function googlenet(): Layer[] {
  const b = new NetworkBuilder();
  b.conv('conv1', 7, { stride: 2, padding: 3 });
  b.maxpool('maxpool1', 3, { stride: 2, ceilMode: true });
  b.conv('conv2', 1);
  b.conv('conv3', 3, { padding: 1 });
  b.maxpool('maxpool2', 3, { stride: 2, ceilMode: true });
  const inception = (name: string) => {
    const input = b.current;
    const b1 = b.conv(`${name}.branch1`, 1, { from: input });
    b.conv(`${name}.branch2.0`, 1, { from: input });
    const b2 = b.conv(`${name}.branch2.1`, 3, { padding: 1 });
    b.conv(`${name}.branch3.0`, 1, { from: input });
    const b3 = b.conv(`${name}.branch3.1`, 3, { padding: 1 }); // 3×3, not 5×5: torchvision's known bug (#906)
    b.maxpool(`${name}.branch4.0`, 3, { stride: 1, padding: 1, ceilMode: true, from: input });
    const b4 = b.conv(`${name}.branch4.1`, 1);
    b.concat(name, [b1, b2, b3, b4]);
  };
  ['inception3a', 'inception3b'].forEach(inception);
  b.maxpool('maxpool3', 3, { stride: 2, ceilMode: true });
  ['inception4a', 'inception4b', 'inception4c', 'inception4d', 'inception4e'].forEach(inception);
  b.maxpool('maxpool4', 2, { stride: 2, ceilMode: true });
  ['inception5a', 'inception5b'].forEach(inception);
  return b.layers;
}

function densenet121(): Layer[] {
  const b = new NetworkBuilder();
  b.conv('features.conv0', 7, { stride: 2, padding: 3 });
  b.maxpool('features.pool0', 3, { stride: 2, padding: 1 });
  [6, 12, 24, 16].forEach((count, block) => {
    // Each dense layer sees the concatenation of the block's input and every earlier layer's output.
    let features = b.current;
    for (let i = 1; i <= count; i++) {
      const prefix = `features.denseblock${block + 1}.denselayer${i}`;
      b.conv(`${prefix}.conv1`, 1, { from: features });
      const grown = b.conv(`${prefix}.conv2`, 3, { padding: 1 });
      features = b.concat(`${prefix}.concat`, [features, grown]);
    }
    if (block < 3) {
      b.conv(`features.transition${block + 1}.conv`, 1);
      b.avgpool(`features.transition${block + 1}.pool`, 2, { stride: 2 });
    }
  });
  return b.layers;
}

function squeezenet10(): Layer[] {
  const b = new NetworkBuilder();
  b.conv('features.0', 7, { stride: 2 });
  b.maxpool('features.2', 3, { stride: 2, ceilMode: true });
  const fire = (index: number) => {
    const squeeze = b.conv(`features.${index}.squeeze`, 1);
    const e1 = b.conv(`features.${index}.expand1x1`, 1, { from: squeeze });
    const e3 = b.conv(`features.${index}.expand3x3`, 3, { padding: 1, from: squeeze });
    b.concat(`features.${index}`, [e1, e3]);
  };
  [3, 4, 5].forEach(fire);
  b.maxpool('features.6', 3, { stride: 2, ceilMode: true });
  [7, 8, 9, 10].forEach(fire);
  b.maxpool('features.11', 3, { stride: 2, ceilMode: true });
  fire(12);
  return b.layers;
}

export const torchvisionPresets: Record<string, Preset> = {
  'torchvision/alexnet': { title: 'torchvision AlexNet (features)', inputSize: 224, layers: alexnet() },
  'torchvision/vgg16': { title: 'torchvision VGG16 (features)', inputSize: 224, layers: vgg(VGG16) },
  'torchvision/vgg19': { title: 'torchvision VGG19 (features)', inputSize: 224, layers: vgg(VGG19) },
  'torchvision/resnet18': { title: 'torchvision ResNet-18', inputSize: 224, layers: resnet([2, 2, 2, 2], false) },
  'torchvision/resnet34': { title: 'torchvision ResNet-34', inputSize: 224, layers: resnet([3, 4, 6, 3], false) },
  'torchvision/resnet50': { title: 'torchvision ResNet-50', inputSize: 224, layers: resnet([3, 4, 6, 3], true) },
  'torchvision/resnet101': { title: 'torchvision ResNet-101', inputSize: 224, layers: resnet([3, 4, 23, 3], true) },
  'torchvision/resnet152': { title: 'torchvision ResNet-152', inputSize: 224, layers: resnet([3, 8, 36, 3], true) },
  'torchvision/mobilenet_v2': { title: 'torchvision MobileNetV2 (features)', inputSize: 224, layers: mobilenetV2() },
  'torchvision/googlenet': { title: 'torchvision GoogLeNet', inputSize: 224, layers: googlenet() },
  'torchvision/inception_v3': { title: 'torchvision Inception v3', inputSize: 299, layers: inceptionV3() },
  'torchvision/densenet121': { title: 'torchvision DenseNet-121 (features)', inputSize: 224, layers: densenet121() },
  'torchvision/squeezenet1_0': { title: 'torchvision SqueezeNet 1.0 (features)', inputSize: 224, layers: squeezenet10() },
};
