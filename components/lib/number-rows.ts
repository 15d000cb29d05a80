/**
 * The browser side of NumberRows.astro: a numbers field (and optionally a names field) edited one row per entry.
 * It keeps no state of its own: every edit is reported to the widget, and the rows are rebuilt from whatever the
 * widget's state holds (`write`), so a preset, a shared link or a normalisation all show the same way.
 */
import { normalize } from '../../src/compute';
import { parseBoundedNumber } from './numbers';
import { formatNumber } from './format';
import { syncRows } from './rows';
import { isInvalid, type Binding, type FieldEditor } from './controls';
import { textOf, type NumbersField } from './fields';

/** A named list of values the reader can load in one go (NumberRows.astro's presets). */
export interface RowsPreset {
  /** The option's value in the select (default: its position). */
  key?: string;
  text: string;
  values: readonly number[];
  names?: readonly string[];
}

/** What a new row starts at: the average of the others, so it is visible without dominating. */
export function withNewRow(values: readonly number[]): number[] {
  const average = values.reduce((a, b) => a + b, 0) / values.length || 1;
  return [...values, average];
}

/** Default names for outcomes a reader adds: a, b, c, … */
export const defaultName = (i: number): string => String.fromCharCode(97 + (i % 26));

/** Resizes names to `count` entries, naming new outcomes a, b, c, … by position. */
export const resizeNames = (names: readonly string[], count: number): string[] => Array.from({ length: count }, (_, i) => names[i] ?? defaultName(i));

/** One NumberRows editor in the page. Bind its values (and names, if it has them) to the widget's fields. */
export class NumberRows {
  #values: number[] = [];
  #names: string[] = [];
  #valueEditor: FieldEditor<number[]> | null = null;
  #nameEditor: FieldEditor<string[]> | null = null;
  readonly #root: HTMLElement;
  readonly #prefix: string;
  readonly #presets: RowsPreset[];

  constructor(
    root: HTMLElement,
    private readonly field: NumbersField,
    /** How the values are named in messages ("Logit z3", "The weight of “dog”"). */
    private readonly itemNoun: (i: number, name: string | undefined) => string,
  ) {
    this.#root = root;
    this.#prefix = root.dataset['rows']!;
    this.#presets = JSON.parse(root.dataset['presets'] ?? '[]');
    root.addEventListener('input', (event) => this.onInput(event.target as HTMLInputElement));
    this.action('add')?.addEventListener('click', () => this.#valueEditor?.replace(withNewRow(this.#values)));
    this.action('remove')?.addEventListener('click', () => this.#valueEditor?.replace(this.#values.slice(0, -1)));
    this.action('normalise')?.addEventListener('click', () => {
      let normalised: number[];
      try {
        normalised = normalize(this.#values);
      } catch {
        return; // all zero: nothing to scale, and the widget's message already says why
      }
      this.#valueEditor?.replace(normalised);
    });
    const preset = this.action<HTMLSelectElement>('preset');
    preset?.addEventListener('change', () => {
      const chosen = this.#presets.find((p, i) => (p.key ?? String(i)) === preset.value);
      preset.value = '';
      if (!chosen) return;
      this.#valueEditor?.replace([...chosen.values]);
      if (chosen.names) this.#nameEditor?.replace([...chosen.names]);
    });
  }

  /** The binding of the numbers field. */
  values(editor: FieldEditor<number[]>): Binding<number[]> {
    this.#valueEditor = editor;
    return { write: (values, force) => this.showValues(values, force) };
  }

  /** The binding of the names field (for rows with editable or following names). */
  names(editor: FieldEditor<string[]>): Binding<string[]> {
    this.#nameEditor = editor;
    return {
      write: (names) => {
        this.#names = [...names];
        this.rows().forEach((row, i) => this.nameRow(row, i));
      },
    };
  }

  private action<E extends HTMLElement = HTMLButtonElement>(name: string): E | null {
    return this.#root.querySelector<E>(`[data-rows-action="${name}"]`);
  }

  private rows(): HTMLElement[] {
    return [...this.#root.querySelectorAll<HTMLElement>('.num-row')];
  }

  private onInput(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>('.num-row');
    if (!row) return;
    const i = this.rows().indexOf(row);
    const text = row.querySelector<HTMLInputElement>('.num-row-value')!;
    if (input.classList.contains('num-row-name')) {
      // At most 12 UTF-16 units, never ending in half a surrogate pair (which no link could carry).
      const name = input.value.slice(0, 12).replace(/[\uD800-\uDBFF]$/, '');
      if (this.#root.dataset['names'] === 'edit') this.#nameEditor?.valid(this.#names.map((old, j) => (j === i ? name : old)), input);
      return;
    }
    let value: number;
    if (input.classList.contains('num-row-slider')) {
      value = Number(input.value);
      text.value = textOf(this.field, [value]);
    } else {
      const parsed = parseBoundedNumber(input.value, { ...this.field, label: this.itemNoun(i, this.#names[i]) });
      if (!parsed.ok) {
        this.#valueEditor?.invalid(text, parsed.message);
        return;
      }
      value = parsed.value;
    }
    this.#valueEditor?.valid(this.#values.map((v, j) => (j === i ? value : v)), text);
  }

  private showValues(values: readonly number[], force: boolean): void {
    this.#values = [...values];
    syncRows(this.#root.querySelector<HTMLElement>('.num-rows-list')!, '.num-row', values.length, (row, i) => this.fillRow(row, i, force));
    const add = this.action('add');
    const remove = this.action('remove');
    if (add) add.disabled = values.length >= this.field.maxLength;
    if (remove) remove.disabled = values.length <= this.field.minLength;
    let shares: number[] | null = null;
    try {
      shares = normalize(values);
    } catch {
      shares = null; // all zero: the widget says why
    }
    const symbol = this.#root.dataset['shareSymbol'] ?? 'p';
    this.#root.querySelectorAll('.num-row-share').forEach((cell, i) => (cell.textContent = shares ? `${symbol} = ${formatNumber(shares[i]!, 3)}` : `${symbol} = ?`));
  }

  /** Renumbers a row's ids and shows its value (a row being typed into keeps its text if it means the same). */
  private fillRow(row: HTMLElement, i: number, force: boolean): void {
    const id = `${this.#prefix}${i}`;
    const text = row.querySelector<HTMLInputElement>('.num-row-value')!;
    const slider = row.querySelector<HTMLInputElement>('.num-row-slider');
    const renumbered = text.id !== id;
    const value = this.#values[i]!;
    Object.assign(text, { id });
    text.setAttribute('aria-describedby', `${id}-error`);
    row.querySelector('.field-error')!.id = `${id}-error`;
    if (renumbered || force || !isInvalid(text)) {
      const current = parseBoundedNumber(text.value, this.field);
      if (renumbered || force || !current.ok || current.value !== value) text.value = textOf(this.field, [value]);
      if (renumbered) {
        text.removeAttribute('aria-invalid');
        row.querySelector('.field-error')!.textContent = '';
      }
    }
    if (slider) {
      slider.id = `${id}-slider`;
      slider.value = String(value);
    }
    this.nameRow(row, i);
  }

  /** Keeps a row's name field and accessible names in step with the outcome's name or number. */
  private nameRow(row: HTMLElement, i: number): void {
    const id = `${this.#prefix}${i}`;
    const nameField = row.querySelector<HTMLInputElement>('.num-row-name');
    const label = nameField ? this.#names[i] || `outcome ${i + 1}` : (this.#root.dataset['itemLabel'] ?? '{i}').replace('{i}', String(i + 1));
    if (nameField) {
      nameField.id = `${id}-name`;
      nameField.setAttribute('aria-label', `Name of outcome ${i + 1}`);
      if (nameField.value !== (this.#names[i] ?? '') && document.activeElement !== nameField) nameField.value = this.#names[i] ?? '';
      row.querySelector('.num-row-value')!.setAttribute('aria-label', `${label}: value`);
    } else {
      const tag = row.querySelector<HTMLLabelElement>('.num-row-label')!;
      Object.assign(tag, { htmlFor: id, textContent: label });
    }
    row.querySelector('.num-row-slider')?.setAttribute('aria-label', `${label}: slider`);
  }
}
