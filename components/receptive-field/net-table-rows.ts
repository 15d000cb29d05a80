/**
 * The network table's rows: editable controls for a plain stack (kind, kernel, stride, padding, dilation, ceil
 * mode, move and remove), plain text for a branching preset, and four result cells per row. The rows keep no
 * network of their own: they are drawn from the widget's state and report every edit as a new layer list.
 */
import type { Layer, LayerResult } from '../../src/compute';
import { parseBoundedNumber } from '../lib/numbers';
import { isInvalid } from '../lib/controls';
import { describeSetting, KIND_CODES, NUMBERS_PER_LAYER } from './layer-codes';

/** [label, position in the layer's six numbers, smallest value] of the typed cells. */
const FIELDS = [['kernel', 1, 1], ['stride', 2, 1], ['padding', 3, 0], ['dilation', 4, 1]] as const;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: object = {}): HTMLElementTagNameMap[K] => Object.assign(document.createElement(tag), props);
const fmt = (pair: [number, number]) => (pair[0] === pair[1] ? String(pair[0]) : `${pair[0]}×${pair[1]}`);

/** What the rows report: a cell edit (valid, as the whole new list, or a message) or a change of structure. */
export interface RowsHost {
  cell(codes: number[] | null, input: HTMLElement, message?: string): void;
  restructure(codes: number[], names: string[]): void;
  codes(): number[];
  names(): string[];
}

export class NetworkRows {
  /** What the rows were built for: rebuilt only when the structure changes, so focus survives edits. */
  #built = '';

  constructor(
    private readonly body: HTMLElement,
    private readonly host: RowsHost,
  ) {}

  /** Shows `layers` (editable when `editable`), rebuilding only on a change of structure. */
  sync(layers: readonly Layer[], editable: boolean, codes: readonly number[]): void {
    const structure = `${editable}|${layers.map((l) => `${l.name}:${l.kind}`).join(',')}`;
    if (structure !== this.#built) {
      this.#built = structure;
      this.body.replaceChildren(...layers.map((layer, i) => (editable ? this.editableRow(layer, i, layers.length) : this.readOnlyRow(layer))));
    }
    if (!editable) return;
    this.body.querySelectorAll<HTMLInputElement>('input[data-index]').forEach((input) => {
      const value = codes[Number(input.dataset['index'])]!;
      if (input.type === 'checkbox') input.checked = value === 1;
      // An empty field is not 0: fresh rows start empty and must show their value.
      else if (!isInvalid(input) && (input.value.trim() === '' || Number(input.value) !== value)) input.value = String(value);
    });
  }

  /** Writes each layer's output size, jump, receptive field and effective padding. */
  showResults(results: readonly LayerResult[]): void {
    const rows = [...this.body.children];
    results.forEach((result, i) => {
      const cells = rows[i]?.querySelectorAll('.result') ?? [];
      [result.outputSize, result.stride, result.rf, result.padding].forEach((pair, c) => {
        if (cells[c]) cells[c]!.textContent = fmt(pair) + (c === 2 && !result.aligned ? ' ⚠ misaligned' : '');
      });
    });
  }

  private readOnlyRow(layer: Layer): HTMLTableRowElement {
    const tr = el('tr');
    const head = el('th', { scope: 'row', textContent: layer.name ?? '' });
    if (layer.inputs && layer.inputs.length > 1) head.title = `inputs: ${layer.inputs.join(', ')}`;
    // Merges have no kernel, stride, padding or dilation: their cells stay empty.
    const cells = [layer.kind, describeSetting(layer.kernel), describeSetting(layer.stride), describeSetting(layer.padding), describeSetting(layer.dilation), layer.ceilMode ? 'yes' : ''];
    tr.append(head, ...cells.map((text) => el('td', { textContent: text })), ...this.resultCells(), el('td'));
    return tr;
  }

  private editableRow(layer: Layer, i: number, count: number): HTMLTableRowElement {
    const name = layer.name ?? `layer${i + 1}`;
    const at = i * NUMBERS_PER_LAYER;
    const tr = el('tr');
    tr.append(el('th', { scope: 'row', textContent: name }));
    const kind = el('select');
    kind.setAttribute('aria-label', `${name}: kind`);
    KIND_CODES.forEach((code, c) => kind.append(new Option(code, String(c), false, code === layer.kind)));
    kind.addEventListener('change', () => this.host.cell(this.withCode(at, Number(kind.value)), kind));
    tr.append(cellWith(kind));
    for (const [label, offset, min] of FIELDS) {
      const field = el('input', { type: 'text', inputMode: 'numeric', size: 3 });
      field.dataset['index'] = String(at + offset);
      field.setAttribute('aria-label', `${name}: ${label}`);
      field.addEventListener('input', () => {
        const parsed = parseBoundedNumber(field.value, { min, max: 1024, integer: true, label: `The ${label} of ${name}` });
        if (parsed.ok) this.host.cell(this.withCode(at + offset, parsed.value), field);
        else this.host.cell(null, field, parsed.message);
      });
      tr.append(cellWith(field));
    }
    const ceil = el('input', { type: 'checkbox' });
    ceil.dataset['index'] = String(at + 5);
    ceil.setAttribute('aria-label', `${name}: ceil mode (pooling only)`);
    ceil.addEventListener('change', () => this.host.cell(this.withCode(at + 5, ceil.checked ? 1 : 0), ceil));
    // The label around it is the touch target (44 px on a phone, src/styles/narrow.css); the checkbox keeps its size.
    const ceilTarget = el('label');
    ceilTarget.append(ceil);
    tr.append(cellWith(ceilTarget), ...this.resultCells());
    const actions = el('td', { className: 'row-actions' });
    const button = (text: string, label: string, to: number | null, disabled: boolean) => {
      const b = el('button', { type: 'button', textContent: text, disabled });
      b.setAttribute('aria-label', label);
      b.addEventListener('click', () => this.move(i, to));
      actions.append(b);
    };
    button('↑', `Move ${name} up`, i - 1, i === 0);
    button('↓', `Move ${name} down`, i + 1, i === count - 1);
    button('✕', `Remove ${name}`, null, count === 1);
    tr.append(actions);
    return tr;
  }

  private resultCells(): HTMLTableCellElement[] {
    return Array.from({ length: 4 }, () => el('td', { className: 'num result' }));
  }

  private withCode(index: number, value: number): number[] {
    const codes = [...this.host.codes()];
    codes[index] = value;
    return codes;
  }

  /** Moves layer `from` to position `to`, or removes it (to = null). */
  private move(from: number, to: number | null): void {
    const rows = this.host.names().map((name, i) => ({ name, codes: this.host.codes().slice(i * NUMBERS_PER_LAYER, (i + 1) * NUMBERS_PER_LAYER) }));
    const [moved] = rows.splice(from, 1);
    if (to !== null) rows.splice(to, 0, moved!);
    this.host.restructure(rows.flatMap((row) => row.codes), rows.map((row) => row.name));
  }
}

/** A table cell holding one control. */
function cellWith(control: Element): HTMLTableCellElement {
  const td = el('td');
  td.append(control);
  return td;
}
