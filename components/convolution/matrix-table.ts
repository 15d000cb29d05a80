import { formatNumber } from '../lib/format';

/**
 * Fills a table with a labelled matrix (row-major values), marking one column and/or row as selected with
 * `data-selected` (styled with an outline and bold text, so it does not rely on colour).
 */
export function renderMatrixTable(
  table: HTMLTableElement,
  matrix: { values: ArrayLike<number>; rows: number; cols: number },
  labels: { caption: string; row: (i: number) => string; col: (j: number) => string },
  selected: { row?: number; col?: number } = {},
): void {
  const caption = document.createElement('caption');
  caption.textContent = labels.caption;
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  headRow.append(document.createElement('td'));
  for (let j = 0; j < matrix.cols; j++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = labels.col(j);
    if (j === selected.col) th.dataset['selected'] = '';
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  for (let i = 0; i < matrix.rows; i++) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = labels.row(i);
    tr.append(th);
    for (let j = 0; j < matrix.cols; j++) {
      const td = tr.insertCell();
      td.textContent = formatNumber(matrix.values[i * matrix.cols + j]!, 3);
      if (j === selected.col || i === selected.row) td.dataset['selected'] = '';
    }
  }
  table.replaceChildren(caption, head, body);
}
