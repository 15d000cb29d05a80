/**
 * The search dialog's behaviour, loaded on first use. It talks to Pagefind's JS API (generated into
 * `<base>pagefind/` at build time) and renders results itself, so no third-party UI or stylesheet is loaded.
 */
import { ui } from '../i18n/ui';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  debouncedSearch(query: string, options?: object, ms?: number): Promise<{
    results: { data(): Promise<PagefindResultData> }[];
  } | null>;
}

let pagefindPromise: Promise<Pagefind | null> | undefined;
let wired = false;

function loadPagefind(): Promise<Pagefind | null> {
  pagefindPromise ??= (async () => {
    try {
      const base = import.meta.env.BASE_URL;
      const url = `${base.endsWith('/') ? base : `${base}/`}pagefind/pagefind.js`;
      const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
      await pagefind.options({ baseUrl: base });
      return pagefind;
    } catch {
      return null; // `astro dev` has no index: the dialog says how to get one.
    }
  })();
  return pagefindPromise;
}

/** Pagefind's excerpt is HTML with <mark> around hits; rebuild it from text so nothing else can get through. */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html');
  return [...parsed.body.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}

async function runSearch(query: string, list: HTMLOListElement, status: HTMLElement): Promise<void> {
  const pagefind = await loadPagefind();
  if (!pagefind) {
    status.textContent = ui.searchUnavailable;
    return;
  }
  const trimmed = query.trim();
  if (trimmed === '') {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  let data: PagefindResultData[];
  let total: number;
  try {
    const search = await pagefind.debouncedSearch(trimmed, {}, 150);
    if (search === null) return; // superseded by a newer keystroke
    total = search.results.length;
    data = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  } catch {
    // The index or its WebAssembly could not be loaded (blocked, or offline before the first visit).
    list.replaceChildren();
    status.textContent = ui.searchFailed;
    return;
  }
  list.replaceChildren(
    ...data.map((item) => {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = item.url;
      const title = document.createElement('span');
      title.className = 'search-result-title';
      title.textContent = item.meta.title ?? item.url;
      const excerpt = document.createElement('span');
      excerpt.className = 'search-result-excerpt';
      excerpt.append(...excerptNodes(item.excerpt));
      link.append(title, excerpt);
      li.append(link);
      return li;
    }),
  );
  status.textContent = data.length ? ui.searchResults(total) : `${ui.searchNoResults} “${trimmed}”`;
}

/** Opens the search dialog, wiring it up on first use; focus returns to `opener` when it closes. */
export function openSearch(dialog: HTMLDialogElement, opener: HTMLElement): void {
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
  const list = dialog.querySelector<HTMLOListElement>('.search-results')!;
  const status = dialog.querySelector<HTMLElement>('.search-status')!;
  if (!wired) {
    wired = true;
    input.addEventListener('input', () => void runSearch(input.value, list, status));
    dialog.querySelector('.search-close')?.addEventListener('click', () => dialog.close());
    // A click on the backdrop (the dialog element itself, outside its content box) closes it.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', () => opener.focus());
    // In a search field Chrome's first Escape only clears the text; one press should close the dialog.
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        dialog.close();
      }
    });
    void loadPagefind().then((pagefind) => {
      if (!pagefind) status.textContent = ui.searchUnavailable;
    });
  }
  dialog.showModal();
  input.focus();
  input.select();
}
