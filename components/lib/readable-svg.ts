/**
 * Keeps an SVG's text readable however small the SVG is drawn: sets `--svg-scale` on it (viewBox units per screen
 * pixel, at least 1), which the text rules multiply their size by (`font-size: calc(0.75rem * var(--svg-scale, 1))`),
 * so a plot squeezed onto a phone still shows 12 px labels. Updated when the SVG is resized.
 */
const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => entries.forEach((entry) => scaleText(entry.target as SVGSVGElement)));
const watched = new WeakSet<SVGSVGElement>();

/** Sets `--svg-scale` for the SVG's current size and viewBox. */
export function scaleText(svg: SVGSVGElement): void {
  const viewBox = svg.viewBox?.baseVal;
  const width = svg.getBoundingClientRect().width;
  if (!viewBox || !viewBox.width || !width) return;
  const scale = Math.max(1, viewBox.width / width).toFixed(3);
  if (svg.style.getPropertyValue('--svg-scale') !== scale) svg.style.setProperty('--svg-scale', scale);
}

/** Scales the text of every SVG inside `root` now and whenever one is resized. */
export function keepSvgTextReadable(root: ParentNode): void {
  for (const svg of root.querySelectorAll('svg')) {
    scaleText(svg);
    if (!watched.has(svg)) {
      watched.add(svg);
      observer?.observe(svg);
    }
  }
}
