/**
 * The shell's behaviour on every page: the theme choice, and small listeners that fetch the rest only when needed —
 * the search UI (and Pagefind's index) when search is opened, the table of contents' scroll-spy when the page first
 * scrolls, and the offline service worker once the page is idle. Everything else in the shell works without JavaScript.
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

function wireScrollSpyOnDemand(): void {
  if (!document.querySelector('.toc a')) return;
  // Until the page scrolls the server-rendered mark on "Overview" is right. Scripts load after first paint, so a
  // #fragment (or a restored position) may already have scrolled the page before this runs: then load at once.
  const load = (): void => void import('./scroll-spy').then(({ wireScrollSpy }) => wireScrollSpy());
  if (window.scrollY > 0 || location.hash.length > 1) load();
  else addEventListener('scroll', load, { once: true, passive: true });
}

/** The offline service worker, registered once the page has loaded and the browser is idle (never in `astro dev`). */
function registerOfflineWhenIdle(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void import('./offline').then(({ registerServiceWorker }) => registerServiceWorker(import.meta.env.BASE_URL.replace(/\/?$/, '/')));
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

wireThemeSelect();
wireSearch();
wireScrollSpyOnDemand();
registerOfflineWhenIdle();
