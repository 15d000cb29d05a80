import type { Layer } from '../../src/compute';

/**
 * Fills a <select> with a network's layers (values are 1-based positions) and selects `chosen`, clamped to the
 * network; returns the position actually selected.
 */
export function fillLayerSelect(select: HTMLSelectElement, layers: readonly Layer[], chosen: number): number {
  select.replaceChildren(...layers.map((layer, i) => new Option(layer.name ?? `layer ${i + 1}`, String(i + 1))));
  const layer = Math.min(chosen, layers.length);
  select.value = String(layer);
  return layer;
}
