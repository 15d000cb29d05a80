import { normalize } from '../../src/compute';
import { parseBoundedNumber } from '../lib/numbers';
import { formatNumber } from '../lib/format';
import { syncRows } from '../lib/rows';
import { defaultLabel, editorPresets } from './presets';

/** Weights a reader may type for one outcome (they are normalised before any computation). */
export const WEIGHT_BOUNDS = { min: 0, max: 1000 } as const;
/** How many outcomes an editor may have. */
export const OUTCOME_LIMITS = { min: 2, max: 10 } as const;

/** Resizes weights to `k` entries; new outcomes get the average weight, so they are visible without dominating. */
export function resizeWeights(values: readonly number[], k: number): number[] {
  const average = values.reduce((a, b) => a + b, 0) / values.length || 1;
  return Array.from({ length: k }, (_, i) => values[i] ?? average);
}

/** What the host widget supplies: where to report changes and field errors. */
export interface EditorHost {
  onChange(weights: number[], labels: string[]): void;
  fieldError(input: HTMLElement, message: string | null): void;
}

/**
 * Behaviour of one DistributionEditor.astro: keeps weights and labels, wires sliders, typed weights, names,
 * add / remove / normalise / presets, and reports every valid change to its host widget. All inputs are native
 * controls, so everything works with the keyboard.
 */
export class DistributionEditor {
  weights: number[];
  labels: string[];

  /** Binds to the editor markup in `root`; `initial` (e.g. weights from a shared link) replaces the rendered ones. */
  constructor(
    private readonly root: HTMLElement,
    private readonly host: EditorHost,
    initial?: readonly number[],
  ) {
    const rows = [...root.querySelectorAll<HTMLElement>('.dist-row')];
    this.weights = rows.map((row) => Number(row.querySelector<HTMLInputElement>('.dist-value')!.value));
    this.labels = rows.map((row) => row.querySelector<HTMLInputElement>('.dist-label')!.value);
    root.addEventListener('input', (event) => this.onInput(event.target as HTMLInputElement));
    root.querySelector('[data-editor-action="add"]')?.addEventListener('click', () => this.resize(this.weights.length + 1));
    root.querySelector('[data-editor-action="remove"]')?.addEventListener('click', () => this.resize(this.weights.length - 1));
    root.querySelector('[data-editor-action="normalise"]')!.addEventListener('click', () => {
      try {
        this.set(normalize(this.weights), this.labels);
        this.emit();
      } catch {
        this.host.onChange(this.weights, this.labels); // the host's render shows why (e.g. all zero)
      }
    });
    const preset = root.querySelector<HTMLSelectElement>('[data-editor-action="preset"]')!;
    preset.addEventListener('change', () => {
      const chosen = editorPresets[preset.value];
      preset.value = '';
      if (!chosen) return;
      this.set(chosen.values, chosen.labels);
      this.emit();
    });
    if (initial && initial.join() !== this.weights.join()) this.set(initial);
  }

  /** Replaces weights (and optionally names), rebuilding the rows to match. */
  set(weights: readonly number[], labels: readonly string[] = this.labels): void {
    this.weights = [...weights];
    this.labels = weights.map((_, i) => labels[i] ?? defaultLabel(i));
    syncRows(this.root.querySelector<HTMLElement>('.dist-rows')!, '.dist-row', weights.length, (row, i) => {
      const id = this.root.dataset['editor']!;
      const [name, slider, value, error] = [
        row.querySelector<HTMLInputElement>('.dist-label')!,
        row.querySelector<HTMLInputElement>('.dist-slider')!,
        row.querySelector<HTMLInputElement>('.dist-value')!,
        row.querySelector<HTMLElement>('.field-error')!,
      ];
      Object.assign(name, { id: `${id}-name${i}`, value: this.labels[i] });
      name.setAttribute('aria-label', `Name of outcome ${i + 1}`);
      slider.value = String(Math.min(1, this.weights[i]!));
      Object.assign(value, { id: `${id}-w${i}`, value: String(Number(this.weights[i]!.toPrecision(6))) });
      value.setAttribute('aria-describedby', `${id}-w${i}-error`);
      Object.assign(error, { id: `${id}-w${i}-error`, textContent: '' });
      this.host.fieldError(value, null);
      this.nameControls(row, i);
    });
    const add = this.root.querySelector<HTMLButtonElement>('[data-editor-action="add"]');
    const remove = this.root.querySelector<HTMLButtonElement>('[data-editor-action="remove"]');
    if (add) add.disabled = this.weights.length >= OUTCOME_LIMITS.max;
    if (remove) remove.disabled = this.weights.length <= OUTCOME_LIMITS.min;
    this.showShares();
  }

  private resize(count: number): void {
    if (count < OUTCOME_LIMITS.min || count > OUTCOME_LIMITS.max) return;
    this.set(resizeWeights(this.weights, count), this.labels);
    this.emit();
  }

  private onInput(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>('.dist-row');
    if (!row) return;
    const i = [...this.root.querySelectorAll('.dist-row')].indexOf(row);
    const valueField = row.querySelector<HTMLInputElement>('.dist-value')!;
    if (input.classList.contains('dist-label')) {
      this.labels[i] = input.value.slice(0, 12);
      this.nameControls(row, i);
    } else if (input.classList.contains('dist-slider')) {
      this.weights[i] = Number(input.value);
      valueField.value = input.value;
      this.host.fieldError(valueField, null);
    } else {
      const parsed = parseBoundedNumber(input.value, { ...WEIGHT_BOUNDS, label: `The weight of “${this.labels[i]}”` });
      this.host.fieldError(valueField, parsed.ok ? null : parsed.message);
      if (!parsed.ok) return;
      this.weights[i] = parsed.value;
      row.querySelector<HTMLInputElement>('.dist-slider')!.value = String(Math.min(1, parsed.value));
    }
    this.showShares();
    this.emit();
  }

  /** Keeps each row's accessible names in step with the outcome's (editable) name. */
  private nameControls(row: HTMLElement, i: number): void {
    const label = this.labels[i] || `outcome ${i + 1}`;
    row.querySelector('.dist-slider')!.setAttribute('aria-label', `${label}: weight, slider`);
    row.querySelector('.dist-value')!.setAttribute('aria-label', `${label}: weight`);
  }

  /** Shows each outcome's normalised probability beside its weight. */
  private showShares(): void {
    let shares: number[] | null = null;
    try {
      shares = normalize(this.weights);
    } catch {
      shares = null; // all zero: the host says why
    }
    this.root.querySelectorAll('.dist-share').forEach((cell, i) => {
      cell.textContent = shares ? `p = ${formatNumber(shares[i]!, 3)}` : 'p = ?';
    });
  }

  private emit(): void {
    this.host.onChange([...this.weights], [...this.labels]);
  }
}
