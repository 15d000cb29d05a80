/**
 * The browser side of fields.ts: one binding per control kind, so no widget wires its own inputs. A binding
 * reports each edit to the widget (a valid value, or a message for the element that holds invalid text) and shows
 * whatever value the widget's state holds.
 */
import { parseField, sameValue, textOf, type Field } from './fields';

/** Where a control reports the reader's edits. */
export interface FieldEditor<V = unknown> {
  /** The reader made a valid edit in `element`. */
  valid(value: V, element: HTMLElement): void;
  /** The reader typed something invalid in `element`. */
  invalid(element: HTMLElement, message: string): void;
  /** An action inside a sub-part (a preset, "add a row") replaces the whole value. */
  replace(value: V): void;
}

/** Shows a field's value in its control(s). `force`: also overwrite controls that hold invalid text. */
export interface Binding<V = unknown> {
  write(value: V, force: boolean): void;
}

/** Whether an element currently holds text the widget rejected. */
export const isInvalid = (element: Element): boolean => element.getAttribute('aria-invalid') === 'true';

/** A slider's position for a value, and back (log10 sliders keep three significant digits). */
const toSlider = (field: Field & { kind: 'number' }, value: number): number => (field.slider?.log10 ? Math.log10(value) : value);
const fromSlider = (field: Field & { kind: 'number' }, position: number): number => {
  const value = field.slider?.log10 ? Number((10 ** position).toPrecision(3)) : position;
  return Math.min(field.max, Math.max(field.min, value));
};

/**
 * Binds the control(s) of an ordinary field, found by id in `root`: `<widget>-<key>` (text field, select or
 * checkbox) and, for a number with a slider, `<widget>-<key>-slider`.
 */
export function bindControl(root: HTMLElement, widgetId: string, key: string, field: Field, editor: FieldEditor): Binding {
  const find = <E extends HTMLElement>(id: string): E => {
    const element = root.querySelector<E>(`#${CSS.escape(id)}`);
    if (!element) throw new Error(`${widgetId}: no control #${id} for the field “${key}”`);
    return element;
  };
  const id = `${widgetId}-${key}`;
  switch (field.kind) {
    case 'choice': {
      if (field.radios) {
        const radios = field.options.map((_, i) => find<HTMLInputElement>(`${id}-${i}`));
        radios.forEach((radio, i) => radio.addEventListener('change', () => radio.checked && editor.valid(field.options[i]!.value, find(id))));
        return { write: (value) => radios.forEach((radio, i) => (radio.checked = field.options[i]!.value === value)) };
      }
      const select = find<HTMLSelectElement>(id);
      select.addEventListener('change', () => {
        const parsed = parseField(field, key, select.value);
        if (parsed.ok) editor.valid(parsed.value, select);
      });
      return { write: (value) => void (select.value = String(value)) };
    }
    case 'set': {
      const boxes = field.options.map((_, i) => find<HTMLInputElement>(`${id}-${i}`));
      const group = find<HTMLElement>(id);
      boxes.forEach((box) => box.addEventListener('change', () => editor.valid(field.options.filter((_, i) => boxes[i]!.checked).map((o) => o.value), group)));
      return {
        write(value) {
          const chosen = value as unknown[];
          field.options.forEach((o, i) => (boxes[i]!.checked = chosen.includes(o.value)));
        },
      };
    }
    case 'flag': {
      const box = find<HTMLInputElement>(id);
      box.addEventListener('change', () => editor.valid(box.checked, box));
      return { write: (value) => void (box.checked = value === true) };
    }
    case 'names':
      throw new Error(`${widgetId}: a names field (“${key}”) is bound by its sub-part`);
    default: {
      if (field.kind === 'number' && field.select) {
        const select = find<HTMLSelectElement>(id);
        select.addEventListener('change', () => editor.valid(Number(select.value), select));
        return { write: (value) => void (select.value = String(value)) };
      }
      const text = find<HTMLInputElement | HTMLTextAreaElement>(id);
      text.addEventListener('input', () => {
        const parsed = parseField(field, key, text.value);
        if (parsed.ok) editor.valid(parsed.value, text);
        else editor.invalid(text, parsed.message);
      });
      const slider = field.kind === 'number' && field.slider ? find<HTMLInputElement>(`${id}-slider`) : null;
      if (slider && field.kind === 'number') {
        slider.addEventListener('input', () => {
          const value = fromSlider(field, Number(slider.value));
          text.value = textOf(field, value);
          editor.valid(value, text);
        });
      }
      return {
        write(value, force) {
          if (slider && field.kind === 'number') {
            slider.value = String(toSlider(field, value as number));
            slider.setAttribute('aria-valuetext', `${field.label ?? key} ${textOf(field, value)}`);
          }
          if (isInvalid(text) && !force) return;
          // Leave what the reader is typing alone when it already means this value ("0.50" for 0.5).
          const current = parseField(field, key, text.value);
          if (!current.ok || !sameValue(current.value, value)) text.value = textOf(field, value);
        },
      };
    }
  }
}
