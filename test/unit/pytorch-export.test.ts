import { describe, expect, it } from 'vitest';
import { cnnPresets, createNetwork } from '../../src/compute';
import { pytorchCode, weightsJson } from '../../components/backprop/pytorch-export';

describe('exporting the lab network for PyTorch', () => {
  const network = createNetwork(cnnPresets.lenet5.layers, { inputShape: [1, 28, 28], seed: 3 });

  it('writes the same nn.Sequential, module for module, with its channels and features inferred', () => {
    const code = pytorchCode(network);
    const modules = [...code.matchAll(/^ {4}(nn\.\w+\(.*\)),  # (\d+)/gm)].map((m) => m[1]);
    expect(modules).toEqual([
      'nn.Conv2d(1, 6, kernel_size=5, stride=1, padding=2, dilation=1, bias=True)',
      'nn.ReLU()',
      'nn.MaxPool2d(kernel_size=2, stride=2, padding=0, ceil_mode=False)',
      'nn.Conv2d(6, 16, kernel_size=5, stride=1, padding=0, dilation=1, bias=True)',
      'nn.ReLU()',
      'nn.MaxPool2d(kernel_size=2, stride=2, padding=0, ceil_mode=False)',
      'nn.Flatten()',
      'nn.Linear(400, 120, bias=True)',
      'nn.ReLU()',
      'nn.Linear(120, 84, bias=True)',
      'nn.ReLU()',
      'nn.Linear(84, 10, bias=True)',
    ]);
    expect(code).toContain('model.load_state_dict(state)');
  });

  it("writes the weights as a state_dict with PyTorch's keys and shapes, in the network's order", () => {
    const params = network.parameters();
    const json = JSON.parse(weightsJson(network, params)) as { state_dict: Record<string, unknown> };
    expect(Object.keys(json.state_dict)).toEqual(['0.weight', '0.bias', '3.weight', '3.bias', '7.weight', '7.bias', '9.weight', '9.bias', '11.weight', '11.bias']);
    const conv = json.state_dict['0.weight'] as number[][][][];
    expect([conv.length, conv[0]!.length, conv[0]![0]!.length, conv[0]![0]![0]!.length]).toEqual([6, 1, 5, 5]);
    expect(conv[1]![0]![2]![3]).toBe(params[25 + 2 * 5 + 3]); // weight [1, 0, 2, 3] is entry 1·25 + 2·5 + 3
    expect((json.state_dict['7.weight'] as number[][])[0]!.length).toBe(400);
    const flat = Object.values(json.state_dict).flatMap((v) => (v as number[]).flat(3));
    expect(flat).toEqual(Array.from(params));
  });
});
