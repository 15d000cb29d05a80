/**
 * The stylesheet of local fallback faces for KaTeX's fonts (src/styles/katex-fallback.css), from measurements.
 *
 * Why: KaTeX's fonts are `font-display: optional` (src/integrations/font-display.ts): a page lays its formulas out
 * once, in KaTeX's fonts if the tab already holds them (a page opened after another of the site, in the same tab),
 * otherwise in local faces for the page's whole life. A plain local serif is narrower or wider than KaTeX's glyphs
 * and has another ascent and descent: the same page would break its lines elsewhere and have other line heights on
 * the first visit than on the next (laid out again in it, the KL page's first screen moves by 0.09 in Lighthouse's layout-shift measure, notation
 * 0.07). A local face given KaTeX's vertical metrics (`ascent-override`, `descent-override`) and scaled to KaTeX's
 * mean width (`size-adjust`) lays out next to the same.
 *
 * One face per KaTeX face and local font, over all characters. Tried: one face per group of characters with similar
 * widths (`unicode-range`) fits each formula's width within 1 % instead of 4 % (median), but every face costs
 * Chromium a look-up of its local font during the first layout, about 1 ms each here: 73 faces doubled the softmax
 * page's first layout, and 30 still added 20 ms. With one face per KaTeX face no line of a first screen moves up or
 * down, the layout shift left is text sliding sideways within its line (at most 0.004, on KL), and the first layout
 * costs about what it did without the faces. The faces are what a reader's first page shows: Times New Roman (or
 * Liberation Serif, Tinos) scaled a few per cent, DejaVu Sans for what it lacks; readable, if not Computer Modern.
 */

/** Where the generated stylesheet lives (imported by src/styles/global.css). */
export const FALLBACK_CSS_FILE = 'src/styles/katex-fallback.css';

/** The local fonts a fallback face can be made of: a Times-metric serif, and DejaVu Sans after it. */
export type LocalFont = 'times' | 'dejavu';

/** One KaTeX face as the site's formulas use it, measured in the browser against one local font. */
export interface FaceMeasurement {
  /** KaTeX's family, e.g. "KaTeX_Main". */
  family: string;
  style: 'normal' | 'italic';
  weight: number;
  /** The KaTeX face's ascent and descent, in ems. */
  ascent: number;
  descent: number;
  /** The local font measured against. */
  local: LocalFont;
  /**
   * Per character the local font has: its advance in KaTeX's face over its advance in the local font, and the weight
   * of its error: how often the site sets it times its advance in ems, squared (an error in width, squared).
   */
  characters: Record<string, { ratio: number; weight: number }>;
}

/**
 * Local faces by full name. Times New Roman's advance widths: Windows' and macOS's own, and the metric-compatible
 * Liberation Serif (Linux; Debian's Chromium recommends it) and Tinos (ChromeOS). They lack some math symbols
 * (∈, ∇, ⋮, …): those come from DejaVu Sans (most Linux systems; DejaVu Serif lacks ⋮ and ⋯), which also stands in
 * for all of them where no Times face is installed; elsewhere they fall back unsized.
 */
const LOCAL_FACES: Record<LocalFont, Record<string, string[]>> = {
  times: {
    'normal 400': ['Times New Roman', 'Liberation Serif', 'Tinos'],
    'italic 400': ['Times New Roman Italic', 'Liberation Serif Italic', 'Tinos Italic'],
    'normal 700': ['Times New Roman Bold', 'Liberation Serif Bold', 'Tinos Bold'],
    'italic 700': ['Times New Roman Bold Italic', 'Liberation Serif Bold Italic', 'Tinos Bold Italic'],
  },
  dejavu: {
    'normal 400': ['DejaVu Sans'],
    'italic 400': ['DejaVu Sans Oblique'],
    'normal 700': ['DejaVu Sans Bold'],
    'italic 700': ['DejaVu Sans Bold Oblique'],
  },
};

/**
 * In the page, an expression: whether the browser has the font `family` (as CSS names it, quoted if need be), told by
 * ten letters set in it, with monospace after it, measuring otherwise than in monospace alone.
 */
export const fontPresentExpression = (family: string): string =>
  `(() => { const context = document.createElement('canvas').getContext('2d'); ` +
  `const width = (font) => { context.font = font; return context.measureText('abcdefghij').width; }; ` +
  `return width('100px ' + ${JSON.stringify(family)} + ', monospace') !== width('100px monospace'); })()`;

/** One whole `@font-face { … }` rule (global: `match` and `replace` reset its position on each call). */
const FONT_FACE_RULE = /@font-face\s*\{[^}]*\}/g;

/** A stylesheet's `@font-face` rules, each whole ("@font-face { … }"). */
export const fontFaceRules = (css: string): string[] => css.match(FONT_FACE_RULE) ?? [];

/** The fallback family for a KaTeX family ("KaTeX_Main" → "KaTeX_Main fallback"). */
export const fallbackFamily = (family: string): string => `${family} fallback`;

/**
 * The selectors of KaTeX's stylesheet that set each KaTeX family, so the fallback can be added to each: rules with
 * `font-family:KaTeX_…`, plus `.katex`, whose `font` shorthand names KaTeX_Main.
 */
export function familySelectors(katexCss: string): Map<string, string[]> {
  const selectors = new Map<string, string[]>([['KaTeX_Main', ['.katex']]]);
  const withoutFontFaces = katexCss.replace(FONT_FACE_RULE, '');
  for (const [, selector, family] of withoutFontFaces.matchAll(/([^{}]+)\{[^{}]*?font-family:\s*"?(KaTeX_\w+)"?[^{}]*\}/g)) {
    const list = selectors.get(family!) ?? [];
    list.push(...selector!.split(',').map((part) => part.trim()));
    selectors.set(family!, list);
  }
  return selectors;
}

/**
 * The stylesheet: per KaTeX face, a scaled DejaVu Sans face and then a scaled Times face under one fallback family
 * (the face defined last is tried first, the earlier one for the characters it lacks); then KaTeX's rules that set a
 * family, with the fallback added.
 */
export function fallbackCss(faces: readonly FaceMeasurement[], katexCss: string): string {
  const lines = [
    '/* Written by `npm run katex-fallback` (scripts/lib/katex-fallback.ts says why): local faces sized like KaTeX\'s',
    '   fonts, in which a page whose math fonts are not loaded yet (the first in a tab) sets its formulas. */',
  ];
  const order = (face: FaceMeasurement): string => `${face.family} ${face.style} ${face.weight} ${face.local === 'dejavu' ? 0 : 1}`;
  const sorted = [...faces].sort((a, b) => order(a).localeCompare(order(b)));
  for (const face of sorted) {
    const rule = faceRule(face);
    if (rule) lines.push(rule);
  }
  const selectors = familySelectors(katexCss);
  for (const family of [...new Set(sorted.map((face) => face.family))]) {
    const list = selectors.get(family);
    if (!list) throw new Error(`KaTeX's stylesheet sets ${family} nowhere`);
    lines.push(`${list.join(',\n')} {\n  font-family: ${family}, '${fallbackFamily(family)}', 'Times New Roman', serif;\n}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One face: the local font scaled to the weighted mean of its characters' width ratios, with KaTeX's metrics. */
function faceRule(face: FaceMeasurement): string | undefined {
  const scale = weightedMeanRatio(Object.values(face.characters));
  if (scale === undefined) return undefined;
  const names = LOCAL_FACES[face.local][`${face.style} ${face.weight >= 600 ? 700 : 400}`]!;
  // size-adjust scales the overrides too, so KaTeX's metrics are divided by the scale to come out as KaTeX's.
  return `@font-face { font-family: '${fallbackFamily(face.family)}'; font-style: ${face.style}; font-weight: ${face.weight}; ` +
    `src: ${names.map((name) => `local('${name}')`).join(', ')}; size-adjust: ${percent(scale)}; ` +
    `ascent-override: ${percent(face.ascent / scale)}; descent-override: ${percent(face.descent / scale)}; }`;
}

/** The scale that makes the weighted squared width error least: the weighted mean ratio (none without a weight). */
export function weightedMeanRatio(characters: readonly { ratio: number; weight: number }[]): number | undefined {
  const usable = characters.filter(({ ratio, weight }) => ratio > 0 && Number.isFinite(ratio) && weight > 0);
  const total = usable.reduce((sum, { weight }) => sum + weight, 0);
  return total > 0 ? usable.reduce((sum, { ratio, weight }) => sum + ratio * weight, 0) / total : undefined;
}

const percent = (fraction: number): string => `${Number((fraction * 100).toFixed(2))}%`;
