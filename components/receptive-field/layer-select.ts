import type { Layer } from '../../src/compute';
import type { Binding, FieldEditor } from '../lib/controls';

/**
 * Binds a layer select (values are 1-based positions) whose options are the layers of whichever network the
 * widget shows: refilled when the network changes, then set to the state's layer.
 */
export function layerSelect(select: HTMLSelectElement, layersOf: () => readonly Layer[], editor: FieldEditor<number>): Binding<number> {
  let filledFor: readonly Layer[] | null = null;
  select.addEventListener('change', () => editor.valid(Number(select.value), select));
  return {
    write(value) {
      const layers = layersOf();
      if (layers !== filledFor) {
        select.replaceChildren(...layers.map((layer, i) => new Option(layer.name ?? `layer ${i + 1}`, String(i + 1))));
        filledFor = layers;
      }
      select.value = String(value);
    },
  };
}
