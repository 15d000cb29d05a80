/**
 * Makes `container` hold exactly `count` elements matching `rowSelector`, cloning the first row to add and removing
 * from the end. Calls `fill(row, i)` on every row afterwards so ids, labels and values can be renumbered.
 * The server renders the initial rows; this only adjusts them, so there is one markup to maintain.
 */
export function syncRows(
  container: HTMLElement,
  rowSelector: string,
  count: number,
  fill: (row: HTMLElement, index: number) => void,
): void {
  const rows = () => [...container.querySelectorAll<HTMLElement>(rowSelector)];
  const first = rows()[0];
  if (!first) throw new Error(`syncRows: no ${rowSelector} to clone`);
  while (rows().length > count) rows().at(-1)!.remove();
  while (rows().length < count) rows().at(-1)!.after(first.cloneNode(true));
  rows().forEach(fill);
}

/** A table row of text: the first cell a row header (`th scope="row"`), the others data cells. */
export function headedRow(texts: readonly string[]): HTMLTableRowElement {
  const row = document.createElement('tr');
  texts.forEach((text, c) => {
    const cell = document.createElement(c === 0 ? 'th' : 'td');
    if (c === 0) cell.setAttribute('scope', 'row');
    cell.textContent = text;
    row.append(cell);
  });
  return row;
}
