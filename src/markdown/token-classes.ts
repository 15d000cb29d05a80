import type { Element } from 'hast';
import light from '@shikijs/themes/github-light-high-contrast';
import dark from '@shikijs/themes/github-dark-high-contrast';

/** The two Shiki themes every listing is highlighted with (markdown fences, `<Source>`, the API page). */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

/** Indentations given a class of their own (./hanging-indent.ts); a deeper line keeps an inline `--indent`. */
export const CLASSED_INDENTS = 40;

/** Every colour a theme may give a token (its foreground and each scope's), upper case as Shiki writes them. */
function palette(theme: { fg?: string; colors?: Record<string, string>; tokenColors?: { settings: { foreground?: string } }[] }): Set<string> {
  const colours = [theme.fg, theme.colors?.['editor.foreground'], ...(theme.tokenColors ?? []).map((rule) => rule.settings.foreground)];
  return new Set(colours.filter((c): c is string => typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c)).map((c) => c.toUpperCase()));
}
const LIGHT = palette(light);
const DARK = palette(dark);

/** Class names for a token's light and dark colour, e.g. `l-0e1116`. */
const lightClass = (colour: string) => `l-${colour.slice(1).toLowerCase()}`;
const darkClass = (colour: string) => `d-${colour.slice(1).toLowerCase()}`;
/** The class that sets a line's `--indent` to `columns` ch. */
export const indentClass = (columns: number): string => `i-${columns}`;

/** Adds a class to a Shiki hast node, whose `class` property may be a string or a list. */
export function addClass(node: Element, name: string): void {
  const current = node.properties['class'];
  const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/).filter(Boolean) : [];
  node.properties['class'] = [...list, name];
}

/**
 * Shiki transformer: a token's colours and a line's indentation as classes instead of inline styles. Shiki writes
 * `style="--shiki-light:#0E1116;--shiki-dark:#F0F3F6"` on each of the 9,300 tokens on the site (nearly a quarter
 * of the gradient-descent page's HTML), each one an attribute for the browser to parse as a style sheet of its own and
 * check against the Content-Security-Policy; seven pairs of colours recur. A token whose style is anything else
 * (a font style, a colour outside the themes) keeps it: it still shows right.
 */
export const tokenClasses = {
  name: 'token-classes',
  /**
   * No time limit on tokenizing a line. Shiki's default (500 ms) stops a line's tokenizing when it runs out and
   * leaves the rest of the line one token; the first line highlighted also compiles the grammar's patterns, and on
   * a busy CI machine (a unit test beside a training run) that ran out for one theme and not the other. A build
   * there would colour a listing unlike any other build. Listings are ours and short.
   */
  preprocess(_code: string, options: { tokenizeTimeLimit?: number }): void {
    options.tokenizeTimeLimit = 0;
  },
  span(node: Element): void {
    const match = /^--shiki-light:(#[0-9A-F]{6});--shiki-dark:(#[0-9A-F]{6})$/i.exec(String(node.properties['style'] ?? ''));
    if (!match || !LIGHT.has(match[1]!.toUpperCase()) || !DARK.has(match[2]!.toUpperCase())) return;
    delete node.properties['style'];
    addClass(node, lightClass(match[1]!));
    addClass(node, darkClass(match[2]!));
  },
};

/** Where the stylesheet behind those classes lives (imported by global.css into the content layer). */
export const CODE_COLOURS_FILE = 'src/styles/code-colours.css';

/**
 * The stylesheet behind those classes, as CODE_COLOURS_FILE must read (a test compares them; `npm run code-colours`
 * writes it): a file rather than a build-time module, so that `npm run dev` serves it like any other stylesheet.
 */
export function codeColoursCss(): string {
  const rules = [
    ...[...LIGHT].map((c) => `.${lightClass(c)}{--shiki-light:${c}}`),
    ...[...DARK].map((c) => `.${darkClass(c)}{--shiki-dark:${c}}`),
    ...Array.from({ length: CLASSED_INDENTS }, (_, k) => `.${indentClass(k + 1)}{--indent:${k + 1}ch}`),
  ];
  const header = '/* Written by `npm run code-colours` from src/markdown/token-classes.ts: the classes Shiki\'s tokens and lines carry. */';
  return `${header}\n${rules.map((rule) => `.astro-code ${rule}`).join('\n')}\n`;
}
