/**
 * A code cell: its code in a textarea (the page's own listing or snippet until edited; served as a <pre>), Run (or
 * Ctrl/⌘-Enter), Check for an exercise, Reset, and Copy link. The code runs in a worker (runner.ts), loaded on the
 * first Run. Edits are kept in localStorage per page and cell, and mirrored in the URL (?cell.<id>=…) when short
 * enough to share; a link's code wins over a stored edit, which wins over the original. Parts are marked
 * data-cell-part so a widget around the cell never mistakes them for its own.
 */
import type { CellReply, Display } from './cell-protocol';

/** Longest code (characters, once percent-encoded) mirrored in the URL. */
const URL_CAP = 4000;
const storageKey = (id: string) => `nn-notebook:cell:${location.pathname}#${id}`;
const urlKey = (id: string) => `cell.${id}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: edits last as long as the page
  }
}

class CodeCell extends HTMLElement {
  #code!: HTMLTextAreaElement;
  #output!: HTMLElement;
  #running = false;
  #prelude: Promise<string> | null = null;

  connectedCallback(): void {
    if (this.#code) return;
    this.#code = this.editor();
    this.#output = this.piece('output');
    const fromLink = new URL(location.href).searchParams.get(urlKey(this.cellId));
    const stored = storage()?.getItem(storageKey(this.cellId)) ?? null;
    const restored = fromLink ?? stored;
    if (restored !== null && restored !== this.#code.defaultValue) this.#code.value = restored;
    this.showState();
    this.#code.addEventListener('input', () => this.remember());
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.run(this.dataset['exercise'] !== undefined);
      }
    });
    this.button('run')?.addEventListener('click', () => void this.run(false));
    this.button('check')?.addEventListener('click', () => void this.run(true));
    // A press comes 50–150 ms before its click: start the worker (and the hidden code's fetch) then, not after.
    for (const action of ['run', 'check']) this.button(action)?.addEventListener('pointerdown', () => this.warm(), { once: true });
    this.button('reset')?.addEventListener('click', () => this.reset());
    this.button('share')?.addEventListener('click', () => void this.share());
    this.querySelectorAll<HTMLButtonElement>('[data-cell-action]').forEach((b) => (b.disabled = false));
  }

  /** The textarea in place of the served <pre> (CodeCell.astro says why it is served as one), same id and marks. */
  private editor(): HTMLTextAreaElement {
    const served = this.piece('code');
    const textarea = document.createElement('textarea');
    for (const name of ['id', 'class', 'data-cell-part', 'data-role', 'aria-labelledby', 'aria-describedby']) {
      const value = served.getAttribute(name);
      if (value !== null) textarea.setAttribute(name, value);
    }
    textarea.rows = Number(served.dataset['rows']) || 3;
    Object.assign(textarea, { spellcheck: false, autocapitalize: 'off', autocomplete: 'off' });
    // The widget around a snippet may have rewritten the <pre> already: its text is the current code.
    textarea.defaultValue = served.textContent ?? '';
    served.replaceWith(textarea);
    // The served name is a <span> (a <label> may only name a form control); as a <label> again, a click on it
    // focuses the code, as with any field.
    const name = this.querySelector('.cell-label');
    if (name) {
      const label = document.createElement('label');
      for (const { name: attribute, value } of name.attributes) label.setAttribute(attribute, value);
      label.htmlFor = textarea.id;
      label.append(...name.childNodes);
      name.replaceWith(label);
    }
    return textarea;
  }

  private get cellId(): string {
    return this.dataset['cell']!;
  }

  private piece<E extends HTMLElement = HTMLElement>(name: string): E {
    return this.querySelector<E>(`[data-cell-part="${name}"]`)!;
  }

  private button(action: string): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`[data-cell-action="${action}"]`);
  }

  private get edited(): boolean {
    return this.#code.value !== this.#code.defaultValue;
  }

  /** Keeps the edit in this browser and in the URL (or forgets it when the code is the original again). */
  private remember(): void {
    const store = storage();
    const url = new URL(location.href);
    if (this.edited) {
      store?.setItem(storageKey(this.cellId), this.#code.value);
      if (encodeURIComponent(this.#code.value).length <= URL_CAP) url.searchParams.set(urlKey(this.cellId), this.#code.value);
      else url.searchParams.delete(urlKey(this.cellId));
    } else {
      store?.removeItem(storageKey(this.cellId));
      url.searchParams.delete(urlKey(this.cellId));
    }
    history.replaceState(history.state, '', url);
    this.showState();
  }

  private showState(): void {
    const state = this.piece('state');
    if (!state) return;
    state.textContent = this.edited ? (encodeURIComponent(this.#code.value).length <= URL_CAP ? '(edited: kept in this browser and in the link)' : '(edited: kept in this browser; too long for a link)') : '';
  }

  private reset(): void {
    this.#code.value = this.#code.defaultValue;
    this.remember();
    this.#output.replaceChildren();
    this.announce('The original code is back.');
  }

  private async share(): Promise<void> {
    this.remember();
    try {
      await navigator.clipboard.writeText(location.href);
      this.announce('Link copied.');
    } catch {
      this.announce('The link is in the address bar.');
    }
  }

  private async run(checking: boolean): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.setAttribute('aria-busy', 'true');
    this.#output.replaceChildren(line('Running…', 'cell-note'));
    try {
      const [{ runCell, TIME_LIMIT_MS }, prelude] = await Promise.all([import('./runner'), this.prelude()]);
      const reply = await runCell(this.#code.value, { exercise: checking ? this.dataset['exercise'] : undefined, prelude });
      if (reply === 'timeout') {
        this.#output.replaceChildren(line(`Stopped after ${TIME_LIMIT_MS / 1000} s: the code was still running (an endless loop?).`, 'cell-error'));
        this.announce(`Stopped after ${TIME_LIMIT_MS / 1000} seconds.`);
      } else {
        this.show(reply);
      }
    } catch (error) {
      // The runner or the cell's hidden code could not be loaded (offline before the first visit, say).
      this.#prelude = null;
      const message = error instanceof Error ? error.message : String(error);
      this.#output.replaceChildren(line(message, 'cell-error'));
      this.announce(message);
    } finally {
      this.#running = false;
      this.removeAttribute('aria-busy');
    }
  }

  /** Starts the page's cell worker and fetches this cell's hidden code, ahead of a first Run; failures wait for it. */
  private warm(): void {
    void import('./runner').then((runner) => runner.warmUp(), () => undefined);
    this.prelude().catch(() => (this.#prelude = null));
  }

  /** The hidden code a "Run this" cell runs first, fetched once (the service worker keeps it for offline use). */
  private async prelude(): Promise<string | undefined> {
    const url = this.dataset['preludeUrl'];
    if (!url) return undefined;
    this.#prelude ??= fetch(url).then((response) => {
      if (!response.ok) throw new Error(`The code this cell needs could not be loaded (${response.status}).`);
      return response.text();
    });
    return this.#prelude;
  }

  private show(reply: CellReply): void {
    const parts: HTMLElement[] = reply.output.map((d) => render(d));
    if (reply.value) parts.push(...reply.value.map((d) => render(d, 'cell-value')));
    if (reply.truncated) parts.push(line('… more output was cut here.', 'cell-note'));
    if (reply.error) parts.push(line(`${reply.error.line ? `Line ${reply.error.line}: ` : ''}${reply.error.message}`, 'cell-error'));
    const check = reply.check;
    if (check?.passed) parts.push(line(`✓ All ${check.cases} cases pass.`, 'cell-pass'));
    else if (check) parts.push(line(`✗ Case failed: ${check.failed.input} should be ${check.failed.expected}, but ${check.failed.got.startsWith('it threw') ? check.failed.got : `got ${check.failed.got}`}.`, 'cell-error'));
    if (parts.length === 0) parts.push(line('Done: nothing printed, and the last line has no value.', 'cell-note'));
    this.#output.replaceChildren(...parts);
    if (check?.passed) this.dispatchEvent(new CustomEvent('exercise-solved', { bubbles: true }));
    const summary = reply.error ? `Error${reply.error.line ? ` on line ${reply.error.line}` : ''}: ${reply.error.message}` : check ? (check.passed ? `All ${check.cases} cases pass.` : 'A case failed; see the output.') : `Ran in ${Math.round(reply.ms)} ms.`;
    this.announce(summary);
  }

  private announce(text: string): void {
    const live = this.piece('live');
    live.textContent = '';
    requestAnimationFrame(() => (live.textContent = text));
  }
}

function line(text: string, className = ''): HTMLElement {
  return Object.assign(document.createElement('p'), { textContent: text, className });
}

/** A display item as an element: a line, or a table with its caption. */
function render(display: Display, className = ''): HTMLElement {
  if (display.kind === 'text') return Object.assign(document.createElement('pre'), { textContent: display.text, className: `cell-text ${className}` });
  const wrapper = document.createElement('div');
  wrapper.className = `table-scroll ${className}`;
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-label', display.caption);
  const table = document.createElement('table');
  table.className = 'data-table cell-table';
  table.createCaption().textContent = display.caption;
  const body = table.createTBody();
  for (const row of display.rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell;
  }
  wrapper.append(table);
  return wrapper;
}

customElements.define('code-cell', CodeCell);
