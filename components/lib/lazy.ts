/**
 * Loads a widget's code only when the widget comes within a screen of the viewport: until then its custom element
 * is left undefined (the server-rendered markup shows), and defining it later upgrades every instance. Costly
 * widgets (simulations, images, training) use this, so a chapter's JavaScript up front stays small.
 */
export function defineWhenVisible(tag: string, load: () => Promise<unknown>): void {
  const elements = document.querySelectorAll(tag);
  if (elements.length === 0 || customElements.get(tag)) return;
  if (!('IntersectionObserver' in window)) {
    void load();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void load();
    },
    { rootMargin: '100% 0px' },
  );
  elements.forEach((element) => observer.observe(element));
}
