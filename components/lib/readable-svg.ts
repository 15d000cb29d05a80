/**
 * Keeps an SVG's text readable however small the SVG is drawn: sets `--svg-scale` on it (viewBox units per screen
 * pixel, at least 1), which the text rules multiply their size by (`font-size: calc(0.75rem * var(--svg-scale, 1))`),
 * so a plot squeezed onto a phone still shows 12 px labels. Updated when the SVG is resized.
 *
 * Sizes come from a ResizeObserver, never from measuring during a render: a measurement there forces the browser to
 * lay out the whole page inside the widget's first render, right after the page has loaded.
 */
const widths = new WeakMap<SVGSVGElement, number>();
const observer =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver((entries) =>
        entries.forEach((entry) => {
          const svg = entry.target as SVGSVGElement;
          widths.set(svg, entry.contentRect.width);
          scaleText(svg);
        }),
      );

/** Sets `--svg-scale` for the SVG's last observed size and its current viewBox (nothing until it has been laid out). */
export function scaleText(svg: SVGSVGElement): void {
  const viewBox = svg.viewBox?.baseVal;
  const width = widths.get(svg);
  if (!viewBox || !viewBox.width || !width) return;
  const scale = Math.max(1, viewBox.width / width).toFixed(3);
  if (svg.style.getPropertyValue('--svg-scale') !== scale) svg.style.setProperty('--svg-scale', scale);
}

/** Scales an SVG's text now (if it has been laid out) and whenever it is resized. */
function keepReadable(svg: SVGSVGElement): void {
  if (widths.has(svg)) scaleText(svg);
  // Observing calls back once the SVG has been laid out, with its size: the first scaling happens then.
  else observer?.observe(svg);
}

/** Scales the text of every SVG inside `root` now (if it has been laid out) and whenever one is resized. */
export function keepSvgTextReadable(root: ParentNode): void {
  for (const svg of root.querySelectorAll('svg')) keepReadable(svg);
}

/**
 * Sets an SVG's viewBox and its text's scale for it at once. A widget that draws outside its render (a worker's
 * answer, a new width) would otherwise keep the scale of the old viewBox until the SVG is next resized: usually at
 * once, as its height follows the new viewBox, but not for a drawing whose height the stylesheet fixes.
 */
export function setViewBox(svg: SVGSVGElement, width: number, height: number): void {
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  keepReadable(svg);
}
