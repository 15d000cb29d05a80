import { formatNumber } from './format';

/** One bar of a bar chart. */
export interface Bar {
  label: string;
  value: number;
  /** Text shown beside the bar; defaults to the formatted value. */
  text?: string;
}

/**
 * Draws horizontal bars as plain elements: a label, a track with a fill whose width is |value| / scale, and the
 * value as text (so colour and length are never the only signal). Signed charts centre the track on zero.
 * Reuses existing rows so that screen magnifiers and focus do not jump on every update.
 */
export function renderBars(container: HTMLElement, bars: readonly Bar[], options: { scale?: number; signed?: boolean } = {}): void {
  const scale = options.scale ?? Math.max(1e-300, ...bars.map((bar) => Math.abs(bar.value)));
  while (container.children.length > bars.length) container.lastElementChild!.remove();
  while (container.children.length < bars.length) {
    const row = document.createElement('div');
    row.className = 'bar-row';
    row.innerHTML = '<span class="bar-label"></span><span class="bar-track"><span class="bar-fill"></span></span><span class="bar-value num"></span>';
    container.append(row);
  }
  container.classList.toggle('bars-signed', options.signed === true);
  bars.forEach((bar, i) => {
    const row = container.children[i] as HTMLElement;
    row.querySelector('.bar-label')!.textContent = bar.label;
    row.querySelector('.bar-value')!.textContent = bar.text ?? formatNumber(bar.value);
    const fill = row.querySelector<HTMLElement>('.bar-fill')!;
    const fraction = Number.isFinite(bar.value) ? Math.min(1, Math.abs(bar.value) / scale) : 1;
    const width = options.signed ? fraction * 50 : fraction * 100;
    fill.style.width = `${width}%`;
    fill.style.left = options.signed ? (bar.value < 0 ? `${50 - width}%` : '50%') : '0';
    fill.dataset['sign'] = bar.value < 0 ? 'negative' : 'positive';
  });
}
