/**
 * Plain-text math in a widget's message ("∂L/∂w[0, 0] = Σ over outputs (y, x) of …"), set so that a line never
 * breaks inside a derivative or a short bracketed index: on a phone the backward-pass widgets had printed "∂L/" at
 * the end of one line and "∂L" at the start of the next, and "(y," above "x)".
 */

/** A derivative "∂a/∂b" with its index if it has one, or a name with a short bracketed part: "in[y + 0, x + 0]", "(y, x)". */
const UNBROKEN = /∂[^\s/]*\/∂[^\s[,;:×=·]+(?:\[[^\]\n]{1,24}\])?|[\p{L}\p{N}]*[[(][^\])\n]{1,24}[\])]/gu;

/** The text cut into pieces, those that must stay on one line marked `unbroken`; joined, they give the text back. */
export function mathTextPieces(text: string): { text: string; unbroken: boolean }[] {
  const pieces: { text: string; unbroken: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(UNBROKEN)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), unbroken: false });
    pieces.push({ text: match[0], unbroken: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), unbroken: false });
  return pieces;
}

/** Sets the element's text, each unbroken piece in a `span.unbroken` (base.css); its textContent is the text. */
export function setMathText(element: Element, text: string): void {
  element.replaceChildren(
    ...mathTextPieces(text).map((piece) => {
      if (!piece.unbroken) return piece.text;
      const span = document.createElement('span');
      span.className = 'unbroken';
      span.textContent = piece.text;
      return span;
    }),
  );
}
