import { keepSvgTextReadable } from './readable-svg';
import { defineWhenVisible } from './lazy';
import { decodeState, encodeState } from './url-state';
import { bindControl, isInvalid, type Binding, type FieldEditor } from './controls';
import { applyChange, defaultsOf, normalized, type WidgetSpec } from './spec';
import type { Fields, StateOf } from './fields';

/** How long after the last change the URL is updated (browsers throttle history updates during slider drags). */
const URL_WRITE_DELAY_MS = 250;

/**
 * Base class of every widget's custom element, and the one loop every widget runs:
 * input → parse with the field's bounds → state → effects and normalize (pure, from the spec) → render(state) →
 * controls show the state → URL. It binds every field that has a label to its control, owns every message (inline
 * field errors, rejected link values, the compute error of the current state) and the dimmed "last good result".
 * Subclasses implement `render(state)`; sub-parts bind their field with `bindCustom`; actions call `set`.
 */
export abstract class NotebookWidget<F extends Fields> extends HTMLElement {
  protected abstract readonly spec: WidgetSpec<F>;
  #state!: StateOf<F>;
  #bindings = new Map<keyof F, Binding>();
  /** Elements holding rejected text, with the field they belong to and the message. */
  #fieldErrors = new Map<HTMLElement, { key: keyof F | null; message: string }>();
  #linkErrors: string[] = [];
  #computeError = '';
  #urlTimer: ReturnType<typeof setTimeout> | undefined;

  /** The current state: valid field by field; change it only through `set`. */
  protected get state(): Readonly<StateOf<F>> {
    return this.#state;
  }

  connectedCallback(): void {
    if (this.dataset['started'] !== undefined) return; // moved within the page: already running
    // The placement's own state (rendered into data-state by WidgetFrame), then the page's URL, read defensively.
    // The link's values are applied as a reader's change, with their effects: a link the widget wrote holds every
    // field, so it comes back exactly; a hand-written one that names only a surface or a preset gets that choice's
    // own start, layers and settings, as choosing it in the widget would.
    const placement = decodeState(this.dataset['state'] ?? '', this.id, this.spec.fields).values;
    const { values, errors } = decodeState(location.search, this.id, this.spec.fields);
    this.#state = applyChange(this.spec, normalized(this.spec, { ...defaultsOf(this.spec.fields), ...placement }), values);
    this.#linkErrors = errors;
    this.guard(() => {
      for (const [key, field] of Object.entries(this.spec.fields)) {
        if (field.label !== undefined && !field.custom) this.#bindings.set(key, bindControl(this, this.id, key, field, this.editorFor(key)));
      }
      this.setup();
    });
    // The address is left as it came until the reader changes something: a visit leaves no query behind, and a link
    // stays as it was written (with the link's own values, rejected ones included, for the reader to see).
    this.refresh(true, false);
    this.dataset['started'] = '';
  }

  /** Wires what the fields do not: sub-parts (`bindCustom`), buttons, pointer and key handlers (`on`). Called once. */
  protected setup(): void {}

  /** Computes and draws the state. May throw RangeError for an invalid combination of valid fields. */
  protected abstract render(state: Readonly<StateOf<F>>): void;

  /** The "reproduce in code" text for a state; by default the spec's. */
  protected snippet(state: Readonly<StateOf<F>>): string {
    return this.spec.snippet(state as StateOf<F>);
  }

  /** An action's change of state (a button, a click on a plot): effects, normalize, render, every control rewritten. */
  protected set(change: Partial<StateOf<F>>): void {
    for (const [element, error] of this.#fieldErrors) if (error.key !== null && error.key in change) this.clearFieldError(element);
    this.#linkErrors = [];
    this.#state = applyChange(this.spec, this.#state, change);
    this.refresh(true);
  }

  /** Re-renders the current state (e.g. when an image the widget waits for arrives); the state, and so the URL, stay. */
  protected update(): void {
    this.refresh(false, false);
  }

  /** Binds a field to a sub-part of the widget (an editor, a table of rows) that reports edits and shows values. */
  protected bindCustom<K extends keyof F & string>(key: K, create: (editor: FieldEditor<StateOf<F>[K]>) => Binding<StateOf<F>[K]>): void {
    this.#bindings.set(key, create(this.editorFor(key) as FieldEditor<StateOf<F>[K]>) as Binding);
  }

  /** Shows an error from work done outside render (a worker's report) until the next render. */
  protected showError(message: string): void {
    this.#computeError = message;
    this.showMessages();
  }

  /** Shows (or, with null, clears) a message beside a control that is not a field, such as a file picker. */
  protected inputError(element: HTMLElement, message: string | null): void {
    if (message === null) this.clearFieldError(element);
    else this.editorFor(null).invalid(element, message);
    this.showMessages();
  }

  /** Adds an event listener whose errors are shown in the widget, never thrown to the page. */
  protected on<E extends Event = Event>(target: EventTarget, type: string, handler: (event: E) => void): void {
    target.addEventListener(type, (event) => this.guard(() => handler(event as E)));
  }

  /** Tells screen readers the new result (the visual results are not a live region, to avoid chatter). */
  protected announce(text: string): void {
    const live = this.querySelector('[data-role="live"]');
    if (live && live.textContent !== text) live.textContent = text;
  }

  /** Finds a required part of the widget's markup by selector. */
  protected find<E extends Element = HTMLElement>(selector: string): E {
    const element = this.querySelector<E>(selector);
    if (!element) throw new Error(`${this.localName}#${this.id}: missing ${selector}`);
    return element;
  }

  private editorFor(key: keyof F | null): FieldEditor {
    return {
      valid: (value, element) => {
        this.clearFieldError(element);
        this.#linkErrors = [];
        if (key !== null) this.#state = applyChange(this.spec, this.#state, { [key]: value } as Partial<StateOf<F>>);
        this.refresh(false);
      },
      invalid: (element, message) => {
        this.#fieldErrors.set(element, { key, message });
        element.setAttribute('aria-invalid', 'true');
        const slot = this.fieldErrorSlot(element);
        if (slot) slot.textContent = message;
        this.#linkErrors = [];
        this.showMessages();
      },
      replace: (value) => key !== null && this.set({ [key]: value } as Partial<StateOf<F>>),
    };
  }

  /** Render, then show the state in every control, the messages, the snippet, and (later) the URL. */
  private refresh(force: boolean, writeUrl = true): void {
    try {
      this.render(this.#state);
      this.#computeError = '';
      this.setSnippet(this.snippet(this.#state));
    } catch (error) {
      if (!(error instanceof RangeError)) console.error(error);
      this.#computeError = error instanceof RangeError ? error.message : `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.guard(() => {
      for (const [key, binding] of this.#bindings) binding.write(this.#state[key], force);
    });
    this.showMessages();
    // After drawing: an SVG's viewBox may have changed, and its labels must stay 12 px on screen.
    keepSvgTextReadable(this);
    if (writeUrl) this.scheduleUrlWrite();
  }

  /** Runs `action`, showing a RangeError (or any error, logged) in the widget instead of throwing it. */
  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (!(error instanceof RangeError)) console.error(error);
      this.#computeError = error instanceof Error ? error.message : String(error);
      this.showMessages();
    }
  }

  /**
   * The widget-level message describes the current state only: rejected link values (until the first change),
   * field errors that have no slot of their own, and — once every field is valid — the state's compute error.
   */
  private showMessages(): void {
    const unslotted = [...this.#fieldErrors].filter(([element]) => !this.fieldErrorSlot(element)).map(([, e]) => e.message);
    const parts = [...this.#linkErrors, ...unslotted, ...(this.#fieldErrors.size === 0 && this.#computeError ? [this.#computeError] : [])];
    const text = parts.join(' ');
    const message = this.querySelector('[data-role="message"]');
    if (message && message.textContent !== text) message.textContent = text;
    const results = this.querySelector('[data-role="results"]');
    results?.toggleAttribute('data-stale', this.#fieldErrors.size > 0 || this.#computeError !== '');
  }

  private fieldErrorSlot(element: HTMLElement): HTMLElement | null {
    return element.id ? this.querySelector<HTMLElement>(`#${CSS.escape(element.id)}-error`) : null;
  }

  private clearFieldError(element: HTMLElement): void {
    if (!this.#fieldErrors.delete(element) && !isInvalid(element)) return;
    element.removeAttribute('aria-invalid');
    const slot = this.fieldErrorSlot(element);
    if (slot) slot.textContent = '';
  }

  private setSnippet(code: string): void {
    const snippet = this.querySelector('[data-role="snippet"]');
    if (snippet && snippet.textContent !== code) snippet.textContent = code;
  }

  private scheduleUrlWrite(): void {
    clearTimeout(this.#urlTimer);
    // Marked while a write is due, so a test can wait for the URL to be complete before it reloads the page.
    this.toggleAttribute('data-url-pending', true);
    this.#urlTimer = setTimeout(() => {
      const search = encodeState(location.search, this.id, this.spec.fields, this.#state);
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
      this.removeAttribute('data-url-pending');
    }, URL_WRITE_DELAY_MS);
  }
}

/** True when the reader asked for less motion; animations then start paused. */
export const prefersReducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Defines a widget's custom element once (a page can include a widget's script more than once), when its first
 * instance comes within a screen of the viewport (./lazy.ts).
 */
export function defineWidget(name: string, element: CustomElementConstructor): void {
  defineWhenVisible(name, () => customElements.get(name) ?? customElements.define(name, element));
}
