import { describe, expect, it } from 'vitest';
import { cnnPresets, createNetwork, layerText, parseLayerText } from '../../src/compute';

describe('layer lists as text', () => {
  it.each(Object.entries(cnnPresets))('%s: text and back gives the same layers', (_name, preset) => {
    expect(parseLayerText(layerText(preset.layers))).toEqual(preset.layers);
  });

  it('reads every setting, ignores blank lines, comments and case', () => {
    const text = '# a comment\nCONV 4 kernel 3 stride 2 padding 1 dilation 2 nobias\n\nmaxpool 3 stride 2 padding 1 ceil\navgpool 2\nrelu\nflatten\nlinear 10 nobias';
    expect(parseLayerText(text)).toEqual([
      { kind: 'conv', out: 4, kernel: 3, stride: 2, padding: 1, dilation: 2, bias: false },
      { kind: 'maxpool', kernel: 3, stride: 2, padding: 1, ceilMode: true },
      { kind: 'avgpool', kernel: 2 },
      { kind: 'relu' },
      { kind: 'flatten' },
      { kind: 'linear', out: 10, bias: false },
    ]);
  });

  it.each([
    ['', /empty/],
    ['conv 4', /Line 1 .*needs a kernel size/],
    ['relu\ndense 10', /Line 2 \("dense 10"\): the kind must be one of/],
    ['conv x kernel 3', /the number of kernels must be a whole number, not "x"/],
    ['maxpool 2 size 3', /"size" is not a setting of maxpool/],
    ['relu 2', /relu takes no settings/],
    ['linear 10 kernel', /"kernel" is not a setting of linear/],
  ])('refuses %j with a message naming the line', (text, message) => {
    expect(() => parseLayerText(text)).toThrow(message);
  });

  it('a parsed list that makes no network is refused by createNetwork, naming the layer', () => {
    expect(() => createNetwork(parseLayerText('linear 10'), { inputShape: [1, 28, 28] })).toThrow(/Layer 1 \(linear1\): a linear layer needs a flat input/);
  });
});
