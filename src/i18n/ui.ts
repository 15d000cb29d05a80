/**
 * Every string the site's shell shows, in one place, so that a translated edition (Simplified Chinese is next) is
 * one more object of this shape. Chapter prose lives in content/, widget strings next to each widget.
 */
export const en = {
  lang: 'en',
  siteTitle: 'Neural Network Notebook',
  siteDescription:
    'An interactive notebook on the fundamentals of neural networks: convolution, receptive fields, entropy, ' +
    'cross-entropy, KL divergence, softmax, gradient descent and backpropagation, up to a CNN that learns to read ' +
    'handwritten digits in the browser — every number computed live.',
  skipLink: 'Skip to content',
  home: 'Home',
  notation: 'Notation',
  apiTitle: 'The compute package',
  apiDescription: 'Reference of the compute package behind every number on the site: each export with its signature and doc comment, read from the source at build time.',
  apiLink: 'API',
  chapters: 'Chapters',
  mainNav: 'Main',
  onThisPage: 'On this page',
  overview: 'Overview',
  previous: 'Previous',
  next: 'Next',
  pagination: 'Chapter navigation',
  menuOpen: 'Menu',
  menuClose: 'Close menu',
  search: 'Search',
  searchShortcut: 'Ctrl K',
  searchLabel: 'Search the notebook',
  searchPlaceholder: 'Search chapters…',
  searchClose: 'Close search',
  searchLoading: 'Loading search…',
  searchNoResults: 'No results for',
  searchResults: (count: number) => (count === 1 ? '1 result' : `${count} results`),
  footerCode: 'Every number on this site comes from a small tested TypeScript package (src/compute), whose code the chapters show and run; the “Reproduce in code” cells import it as ./src/compute.',
  footerRepository: 'The source repository.',
  footerNoRepository: 'Its source is in the repository this site was built from (see its README).',
  updateReady: 'A new version of this notebook has been downloaded.',
  updateReload: 'Reload to use it',
  searchFailed: 'Search could not load its index in this browser (it may be blocked, or the site was never opened online). The sidebar lists every chapter.',
  searchUnavailable:
    'Search is built with the site. Run “npm run build” then “npm run preview” to use it locally.',
  theme: 'Theme',
  themeAuto: 'Auto',
  themeLight: 'Light',
  themeDark: 'Dark',
  headingAnchor: (heading: string) => `Link to section “${heading}”`,
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  sourceFrom: 'Source',
  sourceLines: (path: string, first: number, last: number) => `${path}, lines ${first}–${last}`,
  reproduceInCode: 'Reproduce in code',
  runThis: 'Run this:',
  runThisLabel: (name: string) => `${name}, editable (your version replaces the package’s in this cell)`,
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address. It may have moved when the notebook was reorganised.',
  notFoundHome: 'Go to the home page',
  chapterNumber: (n: number) => `Chapter ${n}`,
} as const;

/** The shape every edition's strings must have. */
export type UiStrings = typeof en;

/** The strings of the edition being built (only English so far). */
export const ui: UiStrings = en;
