/**
 * A network's layer list as text, one layer per line, so a reader can type one and a link can carry it:
 *   conv 6 kernel 5 padding 2     (also: stride N, dilation N, nobias)
 *   maxpool 2                     (the kernel; also: stride N, padding N, ceil) — avgpool likewise
 *   relu · flatten · linear 10    (linear also takes nobias)
 */
import type { NetworkLayer } from './network-stages.ts';

const KINDS = ['conv', 'maxpool', 'avgpool', 'relu', 'flatten', 'linear'];

/** Reads a layer list; throws RangeError naming the line and what is wrong with it. */
export function parseLayerText(text: string): NetworkLayer[] {
  const lines = text.split('\n').map((line) => line.trim().toLowerCase()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new RangeError('The layer list is empty: write one layer per line, such as "conv 6 kernel 5".');
  if (lines.length > 40) throw new RangeError(`The layer list has ${lines.length} layers; at most 40.`);
  return lines.map((line, n) => {
    const [kind, ...words] = line.split(/\s+/);
    const where = `Line ${n + 1} ("${line.slice(0, 30)}")`;
    if (!KINDS.includes(kind!)) throw new RangeError(`${where}: the kind must be one of ${KINDS.join(', ')}.`);
    const number = (word: string | undefined, what: string): number => {
      const value = Number(word);
      if (word === undefined || !/^\d+$/.test(word) || value < 0 || value > 4096) throw new RangeError(`${where}: ${what} must be a whole number, not "${word ?? ''}".`);
      return value;
    };
    const options: Record<string, number | boolean> = {};
    const named = (allowed: readonly string[]): void => {
      for (let k = 0; k < words.length; k++) {
        const word = words[k]!;
        if (!allowed.includes(word)) throw new RangeError(`${where}: "${word}" is not a setting of ${kind} (${allowed.join(', ')}).`);
        if (word === 'nobias' || word === 'ceil') options[word] = true;
        else options[word] = number(words[++k], word);
      }
    };
    switch (kind) {
      case 'relu':
      case 'flatten':
        if (words.length) throw new RangeError(`${where}: ${kind} takes no settings.`);
        return { kind };
      case 'linear': {
        const out = number(words.shift(), 'the number of outputs');
        named(['nobias']);
        return options['nobias'] ? { kind, out, bias: false } : { kind, out };
      }
      case 'conv': {
        const out = number(words.shift(), 'the number of kernels');
        named(['kernel', 'stride', 'padding', 'dilation', 'nobias']);
        if (options['kernel'] === undefined) throw new RangeError(`${where}: a convolution needs a kernel size ("kernel 5").`);
        const layer: NetworkLayer = { kind, out, kernel: options['kernel'] as number };
        for (const key of ['stride', 'padding', 'dilation'] as const) if (options[key] !== undefined) layer[key] = options[key] as number;
        if (options['nobias']) layer.bias = false;
        return layer;
      }
      default: {
        const kernel = number(words.shift(), 'the kernel size');
        named(['stride', 'padding', 'ceil']);
        const layer: NetworkLayer = { kind: kind as 'maxpool' | 'avgpool', kernel };
        if (options['stride'] !== undefined) layer.stride = options['stride'] as number;
        if (options['padding'] !== undefined) layer.padding = options['padding'] as number;
        if (options['ceil']) layer.ceilMode = true;
        return layer;
      }
    }
  });
}

/** Writes a layer list (square settings) as text that parseLayerText reads back to the same list. */
export function layerText(layers: readonly NetworkLayer[]): string {
  const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
  return layers
    .map((layer) => {
      switch (layer.kind) {
        case 'conv':
          return ['conv', layer.out, 'kernel', single(layer.kernel), ...(['stride', 'padding', 'dilation'] as const).flatMap((key) => (layer[key] !== undefined ? [key, single(layer[key])] : [])), ...(layer.bias === false ? ['nobias'] : [])].join(' ');
        case 'maxpool':
        case 'avgpool':
          return [layer.kind, single(layer.kernel), ...(['stride', 'padding'] as const).flatMap((key) => (layer[key] !== undefined ? [key, single(layer[key])] : [])), ...(layer.ceilMode ? ['ceil'] : [])].join(' ');
        case 'linear':
          return ['linear', layer.out, ...(layer.bias === false ? ['nobias'] : [])].join(' ');
        default:
          return layer.kind;
      }
    })
    .join('\n');
}
