/** A small builder for layer lists, so that repetitive and branching networks are generated, not typed out. */
import type { Layer } from './receptive-field.ts';
import type { Pair } from './shapes.ts';

/** Options of a conv or pooling layer; `from` names its input (default: the last layer added). */
export interface LayerOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
  from?: string;
}

/** Collects layers; each method appends one and returns its name, to wire branches with `from`. */
export class NetworkBuilder {
  readonly layers: Layer[] = [];
  private last = 'input';

  private add(layer: Layer & { name: string }, from: string | string[]): string {
    const inputs = Array.isArray(from) ? from : [from];
    this.layers.push({ ...layer, inputs });
    this.last = layer.name;
    return layer.name;
  }

  private single(kind: 'conv' | 'maxpool' | 'avgpool', name: string, kernel: Pair, options: LayerOptions): string {
    const { from = this.last, ...rest } = options;
    const layer: Layer & { name: string } = { name, kind, kernel };
    if (rest.stride !== undefined) layer.stride = rest.stride;
    if (rest.padding !== undefined) layer.padding = rest.padding;
    if (rest.dilation !== undefined) layer.dilation = rest.dilation;
    if (rest.ceilMode) layer.ceilMode = true;
    return this.add(layer, from);
  }

  /** A convolution (its batch norm and activation do not change geometry, so they are left out). */
  conv(name: string, kernel: Pair, options: LayerOptions = {}): string {
    return this.single('conv', name, kernel, options);
  }

  maxpool(name: string, kernel: Pair, options: LayerOptions = {}): string {
    return this.single('maxpool', name, kernel, options);
  }

  avgpool(name: string, kernel: Pair, options: LayerOptions = {}): string {
    return this.single('avgpool', name, kernel, options);
  }

  /** Element-wise sum of paths (a residual connection). */
  sum(name: string, from: string[]): string {
    return this.add({ name, kind: 'add' }, from);
  }

  /** Channel concatenation of paths. */
  concat(name: string, from: string[]): string {
    return this.add({ name, kind: 'concat' }, from);
  }

  /** Name of the last layer added (the input image at first). */
  get current(): string {
    return this.last;
  }
}
