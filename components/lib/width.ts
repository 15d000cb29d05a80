/**
 * Calls `changed(width)` with an element's width on screen (CSS pixels, rounded) once it has been laid out and
 * whenever that width changes afterwards (a phone turned sideways), for drawings made at their own width. The width
 * comes from a ResizeObserver, never from measuring during a render, which would force a layout of the whole page.
 */
export function watchWidth(element: Element, changed: (width: number) => void): void {
  // 0 until the first report: an element not laid out yet (or hidden) reports 0 and calls nothing.
  let last = 0;
  new ResizeObserver(([entry]) => {
    const width = Math.round(entry!.contentRect.width);
    if (width === last) return;
    last = width;
    changed(width);
  }).observe(element);
}
