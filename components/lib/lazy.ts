/**
 * Starts a widget only when it comes within a screen of the viewport: until then its custom element is left undefined
 * (the server-rendered markup shows), and defining it later upgrades every instance. Every widget starts this way, so
 * a chapter's load pays only for the widgets a reader can see (on the backpropagation and convolution chapters the
 * widgets further down cost 30–40 ms of rendering and a relayout of the page at load, traced). Costly widgets
 * (simulations, images, training) also load their code this way. Printing starts every widget still waiting, so that a
 * printout shows results rather than empty grids.
 */

/** Starters of the tags still waiting for the viewport. */
const waiting = new Set<() => void>();
/** Tags whose loader has run: a definition arriving later for one (from the code it loaded) applies at once. */
const started = new Set<string>();

/** Runs `load` once an element named `tag` comes within a screen of the viewport, takes focus, or the page is printed. */
export function defineWhenVisible(tag: string, load: () => unknown): void {
  if (customElements.get(tag)) return;
  if (started.has(tag) || !('IntersectionObserver' in window)) {
    void load();
    return;
  }
  const elements = document.querySelectorAll(tag);
  if (elements.length === 0) return;
  const start = (): void => {
    if (!waiting.delete(start)) return;
    observer.disconnect();
    started.add(tag);
    void load();
  };
  const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && start(), { rootMargin: '100% 0px' });
  addEventListener('beforeprint', startEveryWidget); // once: the same listener is not added twice
  waiting.add(start);
  elements.forEach((element) => {
    observer.observe(element);
    // Focus reaches a control without scrolling in some ways (a screen reader's cursor): the widget starts then too.
    element.addEventListener('focusin', start, { once: true });
  });
}

/** Starts every widget still waiting for the viewport. */
function startEveryWidget(): void {
  waiting.forEach((start) => start());
}
