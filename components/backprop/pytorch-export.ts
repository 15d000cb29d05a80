/**
 * The lab's trained network for PyTorch: the weights as JSON in state_dict form (nested lists in PyTorch's shapes,
 * keyed "0.weight", "0.bias", …) and the Python that builds the same nn.Sequential and loads them. Pure: no DOM.
 */
import type { Network, NetworkLayer } from '../../src/compute';

const pair = (value: number | readonly [number, number] | undefined, fallback: number): string => {
  const [h, w] = value === undefined ? [fallback, fallback] : typeof value === 'number' ? [value, value] : value;
  return h === w ? String(h) : `(${h}, ${w})`;
};

/** One layer as the PyTorch module that computes the same thing (`channels`: its input channels or features). */
function module(layer: NetworkLayer, channels: number): string {
  switch (layer.kind) {
    case 'conv':
      return `nn.Conv2d(${channels}, ${layer.out}, kernel_size=${pair(layer.kernel, 1)}, stride=${pair(layer.stride, 1)}, padding=${pair(layer.padding, 0)}, dilation=${pair(layer.dilation, 1)}, bias=${layer.bias === false ? 'False' : 'True'})`;
    case 'maxpool':
    case 'avgpool':
      return `nn.${layer.kind === 'maxpool' ? 'MaxPool2d' : 'AvgPool2d'}(kernel_size=${pair(layer.kernel, 1)}, stride=${pair(layer.stride ?? layer.kernel, 1)}, padding=${pair(layer.padding, 0)}, ceil_mode=${layer.ceilMode ? 'True' : 'False'})`;
    case 'relu':
      return 'nn.ReLU()';
    case 'flatten':
      return 'nn.Flatten()';
    case 'linear':
      return `nn.Linear(${channels}, ${layer.out}, bias=${layer.bias === false ? 'False' : 'True'})`;
  }
}

/** The Python that defines the network and loads `weights.json`. */
export function pytorchCode(network: Pick<Network, 'layers' | 'inputShape' | 'shapes'>): string {
  const lines = network.layers.map((layer, k) => {
    const input = k === 0 ? network.inputShape : network.shapes[k - 1]!.shape;
    return `    ${module(layer, input[0]!)},  # ${k}: ${network.shapes[k]!.name}, output ${network.shapes[k]!.shape.join('×')}`;
  });
  return [
    '# The CNN lab’s network in PyTorch, with the weights it trained (float64, as in the page).',
    'import json',
    'import torch',
    'from torch import nn',
    '',
    'model = nn.Sequential(',
    ...lines,
    ').double()',
    '',
    "with open('weights.json') as f:",
    "    state = {key: torch.tensor(value, dtype=torch.float64) for key, value in json.load(f)['state_dict'].items()}",
    'model.load_state_dict(state)',
    'model.eval()',
    `# model(x) takes x of shape (N, ${network.inputShape.join(', ')}) with values in [0, 1] and returns 10 logits per digit.`,
  ].join('\n');
}

/** Nested arrays of `values` in `shape` (row-major). */
function nest(values: ArrayLike<number>, shape: readonly number[], offset = 0): unknown {
  if (shape.length === 1) return Array.from({ length: shape[0]! }, (_, i) => values[offset + i]);
  const stride = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0]! }, (_, i) => nest(values, shape.slice(1), offset + i * stride));
}

/** The weights as JSON: the layer list, the input shape and the state_dict. */
export function weightsJson(network: Pick<Network, 'layers' | 'inputShape' | 'parameterLayout'>, parameters: ArrayLike<number>): string {
  const stateDict = Object.fromEntries(network.parameterLayout().map((entry) => [entry.key, nest(parameters, entry.shape, entry.offset)]));
  return JSON.stringify({ format: 'nn-notebook CNN lab weights', inputShape: network.inputShape, layers: network.layers, state_dict: stateDict });
}
