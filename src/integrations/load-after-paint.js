// Loads the page's modules once the page has been painted (src/integrations/after-first-paint.ts moves them here).
// The page is complete HTML without them, so the first paint waits only for the HTML, the stylesheets and the math
// fonts; the widgets come alive a moment later. Copied into the build as it is: plain JS, no imports.
const modules = [...document.querySelectorAll('script[data-load]')].flatMap((script) => script.dataset.load.split(' '));
let loaded = false;
const load = () => {
  if (loaded) return;
  loaded = true;
  // Not caught on purpose: a module that fails to load or throws is reported like any failing module script.
  // `data-scripts="loaded"` on <html> says every module has run (tests wait for it before using the page).
  Promise.all(modules.map((url) => import(url))).then(() => {
    document.documentElement.dataset.scripts = 'loaded';
  });
};
if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
  new PerformanceObserver((list, observer) => {
    if (!list.getEntries().some((entry) => entry.name === 'first-contentful-paint')) return;
    observer.disconnect();
    load();
  }).observe({ type: 'paint', buffered: true });
  // A page that paints nothing contentful (or a browser that never reports it) still gets its scripts.
  setTimeout(load, 3000);
} else {
  requestAnimationFrame(() => setTimeout(load));
}
