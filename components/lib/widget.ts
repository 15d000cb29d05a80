import { decodeState, encodeState, type StateOf, type StateSchema } from './url-state';
import { parseBoundedNumber } from './numbers';

/** How long after the last change the URL is updated (browsers throttle history updates during slider drags). */
const URL_WRITE_DELAY_MS = 250;

/**
 * Base class of every widget's custom element. It owns the parts every widget shares (see WidgetFrame.astro): the
 * URL-mirrored state, inline field errors, the widget-level message, the dimmed "last good result", the aria-live
 * announcement and the "reproduce in code" snippet. Subclasses implement `setup()` (wire inputs once) and
 * `render()` (compute and draw from `this.state`; a RangeError thrown there is shown, never propagated).
 */
export abstract class NotebookWidget<S extends StateSchema> extends HTMLElement {
  protected abstract readonly schema: S;
  protected abstract readonly defaults: StateOf<S>;
  protected state!: StateOf<S>;
  #urlTimer: ReturnType<typeof setTimeout> | undefined;
  #linkErrors: string[] = [];

  /**
   * Widgets whose first render is costly (simulations, images) set this: they start only when they come within a
   * screen of the viewport, so a reader opening the chapter at the top does not wait for them.
   */
  protected readonly startWhenVisible: boolean = false;

  connectedCallback(): void {
    // Start from the placement's own state (rendered into data-state by WidgetFrame), then apply the page's URL.
    const placement = decodeState(this.dataset['state'] ?? '', this.id, this.schema).values;
    const { values, errors } = decodeState(location.search, this.id, this.schema);
    this.state = { ...this.defaults, ...placement, ...values };
    this.#linkErrors = errors;
    if (!this.startWhenVisible || !('IntersectionObserver' in window)) {
      this.start();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        this.start();
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(this);
  }

  private start(): void {
    this.dataset['started'] = '';
    this.setup();
    this.update();
  }

  /** Wires inputs and fills them from `this.state`; called once. */
  protected abstract setup(): void;
  /** Computes and draws from `this.state`. May throw RangeError for invalid combinations of valid fields. */
  protected abstract render(): void;

  /** Re-renders from the current state, showing a compute error instead of throwing it; saves valid state to the URL. */
  protected update(): void {
    try {
      this.render();
      this.setStale(false);
      this.showMessage(this.#linkErrors.join(' '));
      this.#linkErrors = [];
      this.scheduleUrlWrite();
    } catch (error) {
      if (!(error instanceof RangeError)) console.error(error);
      const text = error instanceof Error ? error.message : String(error);
      this.showMessage(error instanceof RangeError ? text : `Something went wrong: ${text}`);
      this.setStale(true);
    }
  }

  /** Applies a partial state change from an input, then re-renders. */
  protected patch(change: Partial<StateOf<S>>): void {
    this.state = { ...this.state, ...change };
    this.update();
  }

  /**
   * Wires the text field `#<id>-<key>` to the numeric state field `key`: filled from the state, parsed with the
   * schema's bounds on every input, an inline message while invalid, and `then(value)` after each valid change.
   * `clean` may tidy what was typed first (e.g. drop digit-group spaces).
   */
  protected bindNumberField(
    key: keyof S & string,
    label: string,
    options: { then?: (value: number) => void; clean?: (text: string) => string } = {},
  ): HTMLInputElement {
    const spec = this.schema[key]!;
    if (spec.kind !== 'number') throw new Error(`${this.localName}: "${key}" is not a number field`);
    const field = this.find<HTMLInputElement>(`#${this.id}-${key}`);
    field.value = String(this.state[key]);
    field.addEventListener('input', () => {
      const parsed = parseBoundedNumber(options.clean ? options.clean(field.value) : field.value, { ...spec, label });
      this.fieldError(field, parsed.ok ? null : parsed.message);
      if (!parsed.ok) return;
      this.patch({ [key]: parsed.value } as Partial<StateOf<S>>);
      options.then?.(parsed.value);
    });
    return field;
  }

  /** Shows (or, with null, clears) an inline error next to `input`, and marks the result stale while it stands. */
  protected fieldError(input: HTMLElement, message: string | null): void {
    const slot = this.querySelector(`#${CSS.escape(input.id)}-error`);
    if (slot) slot.textContent = message ?? '';
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      this.setStale(true);
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  /** Dims the results to say they no longer match the inputs (the last good result stays readable). */
  protected setStale(stale: boolean): void {
    const results = this.querySelector('[data-role="results"]');
    if (!results) return;
    const anyInvalid = this.querySelector('[aria-invalid="true"]') !== null;
    results.toggleAttribute('data-stale', stale || anyInvalid);
  }

  /** The widget-level message (compute errors, rejected link values). Empty string clears it. */
  protected showMessage(text: string): void {
    const message = this.querySelector('[data-role="message"]');
    if (message && message.textContent !== text) message.textContent = text;
  }

  /** Tells screen readers the new result (the visual results are not a live region, to avoid chatter). */
  protected announce(text: string): void {
    const live = this.querySelector('[data-role="live"]');
    if (live && live.textContent !== text) live.textContent = text;
  }

  /** Sets the "reproduce in code" snippet to the compute call behind what is on screen. */
  protected setSnippet(code: string): void {
    const snippet = this.querySelector('[data-role="snippet"]');
    if (snippet) snippet.textContent = code;
  }

  /** Finds a required part of the widget's markup by selector. */
  protected find<E extends Element = HTMLElement>(selector: string): E {
    const element = this.querySelector<E>(selector);
    if (!element) throw new Error(`${this.localName}#${this.id}: missing ${selector}`);
    return element;
  }

  private scheduleUrlWrite(): void {
    clearTimeout(this.#urlTimer);
    // Marked while a write is due, so a test can wait for the URL to be complete before it reloads the page.
    this.toggleAttribute('data-url-pending', true);
    this.#urlTimer = setTimeout(() => {
      const search = encodeState(location.search, this.id, this.state);
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
      this.removeAttribute('data-url-pending');
    }, URL_WRITE_DELAY_MS);
  }
}

/** True when the reader asked for less motion; animations then start paused. */
export const prefersReducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Defines a custom element once (a page can include a widget's script more than once). */
export function defineWidget(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
