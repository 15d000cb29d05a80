import { formatNumber } from './format';

/**
 * An output map as a table of buttons, one per value, with a roving tab stop: Tab reaches the selected cell,
 * arrow keys (and Home / End) move the selection, a click picks a cell. The table is rebuilt only when its size
 * changes, so focus stays on the cell a keyboard reader is on.
 */
export class ValueGrid {
  #rows = 0;
  #cols = 0;

  constructor(
    private readonly table: HTMLTableElement,
    private readonly onPick: (y: number, x: number) => void,
    private readonly describe: (y: number, x: number, value: number) => string,
  ) {
    table.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-y]');
      if (button) this.onPick(Number(button.dataset['y']), Number(button.dataset['x']));
    });
    table.addEventListener('keydown', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-y]');
      if (!button) return;
      const y = Number(button.dataset['y']);
      const x = Number(button.dataset['x']);
      const moves: Record<string, [number, number]> = {
        ArrowUp: [y - 1, x],
        ArrowDown: [y + 1, x],
        ArrowLeft: [y, x - 1],
        ArrowRight: [y, x + 1],
        Home: [y, 0],
        End: [y, this.#cols - 1],
      };
      const next = moves[event.key];
      if (!next) return;
      event.preventDefault();
      const ny = Math.max(0, Math.min(this.#rows - 1, next[0]));
      const nx = Math.max(0, Math.min(this.#cols - 1, next[1]));
      this.onPick(ny, nx);
      this.cell(ny, nx)?.focus();
    });
  }

  /**
   * Shows `values` (row-major, rows × cols) with (y, x) selected, or none (then Tab lands on the first cell).
   * `marks`: cells to mark (outlined and dotted, not by colour alone), by row-major index, with words for their label.
   */
  render(values: ArrayLike<number>, rows: number, cols: number, selected: [number, number] | null, marks: ReadonlyMap<number, string> = new Map()): void {
    const tabStop = selected ?? [0, 0];
    if (rows !== this.#rows || cols !== this.#cols) {
      const hadFocus = this.table.contains(document.activeElement);
      this.#rows = rows;
      this.#cols = cols;
      const body = document.createElement('tbody');
      for (let y = 0; y < rows; y++) {
        const tr = body.insertRow();
        for (let x = 0; x < cols; x++) {
          const button = document.createElement('button');
          button.type = 'button';
          button.dataset['y'] = String(y);
          button.dataset['x'] = String(x);
          tr.insertCell().append(button);
        }
      }
      this.table.tBodies[0]?.remove();
      this.table.append(body);
      if (hadFocus) this.cell(tabStop[0], tabStop[1])?.focus();
    }
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const button = this.cell(y, x)!;
        const value = values[y * cols + x]!;
        button.textContent = formatNumber(value, 3);
        const mark = marks.get(y * cols + x);
        button.setAttribute('aria-label', mark ? `${this.describe(y, x, value)}, ${mark}` : this.describe(y, x, value));
        button.toggleAttribute('data-mark', mark !== undefined);
        button.setAttribute('aria-pressed', String(selected !== null && y === selected[0] && x === selected[1]));
        button.tabIndex = y === tabStop[0] && x === tabStop[1] ? 0 : -1;
      }
    }
  }

  private cell(y: number, x: number): HTMLButtonElement | null {
    return this.table.querySelector<HTMLButtonElement>(`button[data-y="${y}"][data-x="${x}"]`);
  }
}
