/**
 * The shell's behaviour on every page: theme choice, the search shortcut (the search UI itself is loaded only when
 * opened), and the table of contents' scroll-spy. Everything else in the shell works without JavaScript.
 */

type ThemeChoice = 'auto' | 'light' | 'dark';
const darkQuery = matchMedia('(prefers-color-scheme: dark)');

function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'auto' && darkQuery.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.themeChoice = choice;
}

function wireThemeSelect(): void {
  const select = document.querySelector<HTMLSelectElement>('#theme-select');
  if (!select) return;
  select.value = document.documentElement.dataset.themeChoice ?? 'auto';
  select.addEventListener('change', () => {
    const choice = (['auto', 'light', 'dark'] as const).find((c) => c === select.value) ?? 'auto';
    try {
      if (choice === 'auto') localStorage.removeItem('theme');
      else localStorage.setItem('theme', choice);
    } catch {
      // Storage can be blocked; the choice still applies to this page.
    }
    applyTheme(choice);
  });
  darkQuery.addEventListener('change', () => applyTheme((select.value as ThemeChoice) || 'auto'));
}

function wireSearch(): void {
  const dialog = document.querySelector<HTMLDialogElement>('#search-dialog');
  const opener = document.querySelector<HTMLButtonElement>('#search-open');
  if (!dialog || !opener) return;
  const open = async (): Promise<void> => {
    // The search UI (and Pagefind's index) are fetched on first use only.
    const { openSearch } = await import('./search-ui');
    openSearch(dialog, opener);
  };
  opener.addEventListener('click', () => void open());
  document.addEventListener('keydown', (event) => {
    if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !dialog.open) {
      event.preventDefault();
      void open();
    }
  });
}

function wireScrollSpy(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
  const headings = links
    .map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))))
    .filter((heading): heading is HTMLElement => heading !== null);
  if (headings.length === 0) return;
  let queued = false;
  const mark = (): void => {
    queued = false;
    // The current section is the last heading above the upper third of the viewport.
    const limit = window.innerHeight / 3;
    let current = headings[0]!;
    for (const heading of headings) if (heading.getBoundingClientRect().top <= limit) current = heading;
    for (const link of links) {
      if (link.hash === `#${encodeURIComponent(current.id)}` || link.hash === `#${current.id}`) {
        link.setAttribute('aria-current', 'true');
      } else link.removeAttribute('aria-current');
    }
  };
  addEventListener('scroll', () => {
    if (!queued) (queued = true), requestAnimationFrame(mark);
  }, { passive: true });
  mark();
}

wireThemeSelect();
wireSearch();
wireScrollSpy();
