/**
 * Preloads, on every built page, exactly the KaTeX fonts its formulas use.
 *
 * Why: KaTeX's faces are `font-display: block`, and a browser discovers a face only while laying the page out, so
 * a formula that needs, say, KaTeX_Size1 for a big Σ waits one more round trip than the text around it, and the
 * request competes with the first paint. Which faces a page needs is known once the page is built: each piece of
 * math text gets its family, weight and style from KaTeX's classes (`.mathbf`, `.delimsizing.size1`, …). This module works that out with the built stylesheets' own rules
 * and @font-face list, so nothing is retyped; a browser test compares the result with what Chromium fetches.
 */
import type { AstroIntegration } from 'astro';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './build-output.ts';
import { parseHTML } from 'linkedom';
import postcss from 'postcss';

/** One @font-face of the build: family, weight (100–900), style and the URL of its woff2 file. */
export interface FontFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  url: string;
}

/** A style rule that sets one of the three font properties text inherits. */
interface FontRule {
  selector: string;
  family?: string;
  weight?: number;
  style?: 'normal' | 'italic';
}

const parseWeight = (value: string): number | undefined =>
  value === 'bold' ? 700 : value === 'normal' ? 400 : /^\d+$/.test(value) ? Number(value) : undefined;
const parseStyle = (value: string): FontRule['style'] => (value === 'italic' || value === 'oblique' ? 'italic' : value === 'normal' ? 'normal' : undefined);
/** The first family of a font-family list, if it is one of KaTeX's (other families fetch nothing of ours). */
const katexFamily = (value: string): string | undefined => /^\s*["']?(KaTeX_\w+)/.exec(value)?.[1];

/** The @font-face list and the font-setting rules of a set of stylesheets (in order). */
export function readFontRules(stylesheets: readonly string[]): { faces: FontFace[]; rules: FontRule[] } {
  const faces: FontFace[] = [];
  const rules: FontRule[] = [];
  for (const css of stylesheets) {
    const root = postcss.parse(css);
    root.walkAtRules('font-face', (atRule) => {
      const get = (prop: string) => atRule.nodes?.find((n): n is postcss.Declaration => n.type === 'decl' && n.prop === prop)?.value ?? '';
      const family = katexFamily(get('font-family'));
      const url = /url\(\s*["']?([^"')]+\.woff2)/.exec(get('src'))?.[1];
      if (family && url) faces.push({ family, weight: parseWeight(get('font-weight')) ?? 400, style: parseStyle(get('font-style')) ?? 'normal', url });
    });
    root.walkRules((rule) => {
      // Rules under @media print or inside @font-face do not decide what a screen fetches.
      if (rule.parent?.type === 'atrule' && /^(font-face|keyframes)$/.test((rule.parent as postcss.AtRule).name)) return;
      if (insidePrint(rule)) return;
      const found: Omit<FontRule, 'selector'> = {};
      rule.walkDecls((decl) => {
        const weight = decl.prop === 'font-weight' ? parseWeight(decl.value) : undefined;
        const style = decl.prop === 'font-style' ? parseStyle(decl.value) : undefined;
        if (decl.prop === 'font-family') found.family = katexFamily(decl.value) ?? 'other';
        else if (weight !== undefined) found.weight = weight;
        else if (style !== undefined) found.style = style;
        else if (decl.prop === 'font') Object.assign(found, fontShorthand(decl.value));
      });
      if (found.family || found.weight || found.style) rules.push({ selector: rule.selector, ...found });
    });
  }
  return { faces, rules };
}

/**
 * What the `font` shorthand sets: its family, and weight and style too — given or reset to normal. (`.katex` uses
 * it, which is why math in a bold heading is not bold.)
 */
function fontShorthand(value: string): Omit<FontRule, 'selector'> {
  const size = /(?:^|\s)[\d.]+(?:em|rem|px|pt|%)(?:\/\S+)?\s+/.exec(value);
  const before = size ? value.slice(0, size.index).split(/\s+/) : [];
  const family = size ? value.slice(size.index + size[0].length) : value;
  return {
    family: katexFamily(family) ?? 'other',
    weight: before.map(parseWeight).find((w) => w !== undefined) ?? 400,
    style: before.map(parseStyle).find((s) => s !== undefined) ?? 'normal',
  };
}

function insidePrint(node: postcss.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'atrule' && (parent as postcss.AtRule).name === 'media' && /\bprint\b/.test((parent as postcss.AtRule).params)) return true;
  }
  return false;
}

/** The face a browser picks for a family, weight and style (CSS Fonts §5.2: style first, then nearest weight). */
export function matchFace(faces: readonly FontFace[], family: string, weight: number, style: 'normal' | 'italic'): FontFace | undefined {
  const ofFamily = faces.filter((face) => face.family === family);
  const sameStyle = ofFamily.filter((face) => face.style === style);
  const candidates = sameStyle.length ? sameStyle : ofFamily;
  // Heavier-than-500 asks prefer heavier faces, lighter asks lighter ones; distance decides within a side.
  const rank = (face: FontFace) => (weight > 500 ? (face.weight >= weight ? face.weight - weight : 1000 + weight - face.weight) : face.weight <= weight ? weight - face.weight : 1000 + face.weight - weight);
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

/** How many blocks of a page's article make its opening: more than any first screen shows (src/styles/content.css). */
const OPENING_BLOCKS = 20;
/**
 * Math a browser lays out only later: display formulas, paragraphs and lists past the opening, laid out when
 * they come near the viewport (`content-visibility: auto`), and the inside of closed <details>. The fonts only they
 * use are fetched then, not preloaded, where they would compete with the bytes of the first paint.
 */
const LAID_OUT_LATER = [
  `.prose > :nth-child(n + ${OPENING_BLOCKS + 1}):is(p, .katex-display)`,
  `.prose > :nth-child(n + ${OPENING_BLOCKS + 1}) .katex-display`,
  `.prose > :is(ol, ul):nth-child(n + ${OPENING_BLOCKS + 1}):not(#references ~ *)`,
  'details:not([open]) > :not(summary)',
].join(', ');

/** The URLs of the faces the math of a page's first layout is set in (sorted); `html` is the built page. */
export function mathFontsOf(html: string, fonts: { faces: readonly FontFace[]; rules: readonly FontRule[] }): string[] {
  const { document } = parseHTML(html);
  const textElements = [...document.querySelectorAll('.katex-html, .katex-html *')].filter(
    (element) => !element.closest(LAID_OUT_LATER) && [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent !== ''),
  );
  if (textElements.length === 0) return [];
  // Each rule's matches, once: walking ancestors then asks only set membership.
  const matched = fonts.rules.map((rule) => ({ rule, elements: matchAll(document, rule.selector) }));
  const used = new Set<string>();
  for (const element of textElements) {
    let family: string | undefined;
    let weight: number | undefined;
    let style: FontRule['style'];
    for (let node: Element | null = element as Element; node && (family === undefined || weight === undefined || style === undefined); node = node.parentElement) {
      // The last matching rule in source order wins (KaTeX's rules share one specificity).
      for (let r = matched.length - 1; r >= 0; r--) {
        const { rule, elements } = matched[r]!;
        if (!elements.has(node)) continue;
        family ??= rule.family;
        weight ??= rule.weight;
        style ??= rule.style;
      }
    }
    // 'other': set in a family of the site's own (none of KaTeX's files); `.katex` always sets one, so unset is rare.
    if (family === undefined || family === 'other') continue;
    const face = matchFace(fonts.faces, family, weight ?? 400, style ?? 'normal');
    if (face) used.add(face.url);
  }
  return [...used].sort();
}

/** Elements matching a selector list; selectors the DOM cannot match without a screen (:hover, ::before) match none. */
function matchAll(document: Document, selectorList: string): Set<Element> {
  const found = new Set<Element>();
  for (const selector of selectorList.split(/,(?![^(]*\))/)) {
    if (/::?(before|after|hover|focus|active|backdrop|placeholder|selection|marker|-webkit|-moz)/.test(selector)) continue;
    try {
      document.querySelectorAll(selector.trim()).forEach((element) => found.add(element));
    } catch {
      // A selector linkedom does not know (e.g. a new pseudo-class): it sets no math font of ours.
    }
  }
  return found;
}

/** `<link rel="preload">` tags for `urls`, placed before the page's first stylesheet (or at the end of its head). */
export function withFontPreloads(html: string, urls: readonly string[]): string {
  if (urls.length === 0) return html;
  const links = urls.map((url) => `<link rel="preload" href="${url}" as="font" type="font/woff2" crossorigin>`).join('');
  const at = html.indexOf('<link rel="stylesheet"');
  const head = at >= 0 ? at : html.indexOf('</head>');
  return html.slice(0, head) + links + html.slice(head);
}

export function mathFontPreloads(): AstroIntegration {
  return {
    name: 'nn-notebook:math-fonts',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const cssFiles = await filesUnder(outDir, '.css');
        const fonts = readFontRules(await Promise.all(cssFiles.map((file) => readFile(file, 'utf8'))));
        let preloads = 0;
        for (const file of await filesUnder(outDir, '.html')) {
          const html = await readFile(file, 'utf8');
          const urls = mathFontsOf(html, fonts);
          preloads += urls.length;
          if (urls.length) await writeFile(file, withFontPreloads(html, urls));
        }
        logger.info(`${preloads} math font preloads (${fonts.faces.length} faces known)`);
      },
    },
  };
}
