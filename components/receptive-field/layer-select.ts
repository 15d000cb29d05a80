import { presets, type Layer } from '../../src/compute';

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

/**
 * Wires a widget's network and layer selects. Selects `current.preset`, fills the layer list (returning the
 * current layer clamped to the network), and on a change calls `onChange(preset, layer, networkChanged)`: a new
 * network starts at its last layer; a new layer keeps the network.
 */
export function wireNetworkSelects(
  presetSelect: HTMLSelectElement,
  layerSelect: HTMLSelectElement,
  current: { preset: string; layer: number },
  onChange: (preset: string, layer: number, networkChanged: boolean) => void,
): number {
  const layersOf = (preset: string) => presets[preset]?.layers ?? [];
  presetSelect.value = current.preset;
  presetSelect.addEventListener('change', () => {
    const layers = layersOf(presetSelect.value);
    onChange(presetSelect.value, fillLayerSelect(layerSelect, layers, layers.length), true);
  });
  layerSelect.addEventListener('change', () => onChange(presetSelect.value, Number(layerSelect.value), false));
  return fillLayerSelect(layerSelect, layersOf(current.preset), current.layer);
}
