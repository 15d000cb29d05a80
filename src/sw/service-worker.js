/*
 * The notebook's service worker (plain JavaScript, copied into the build as sw.js by src/integrations/service-worker.ts,
 * which prepends VERSION, BASE and PRECACHE). On install it caches every page and asset of this build; large data
 * (the handwritten digits) is cached the first time a page asks for it. It serves from the cache first, so every page,
 * widget and search works offline after one visit. A new build installs beside the old one and waits: the page offers
 * a reload, and only then does the new version take over and the old caches go — never a mix of the two.
 */
/* global VERSION, BASE, PRECACHE */
const PRECACHE_NAME = `nn-notebook-${VERSION}`;
const RUNTIME_NAME = `nn-notebook-runtime-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(PRECACHE_NAME).then((cache) => cache.addAll(PRECACHE.map((path) => BASE + path))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = [PRECACHE_NAME, RUNTIME_NAME];
      for (const name of await caches.keys()) if (name.startsWith('nn-notebook-') && !keep.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'version') event.source?.postMessage({ type: 'version', version: VERSION });
});

/** A page's cached copy: `/nn/softmax/`, `/nn/softmax` and `/nn/softmax/index.html` are the same page. */
async function cachedPage(url) {
  const cache = await caches.open(PRECACHE_NAME);
  const path = url.pathname.endsWith('/') ? url.pathname : url.pathname.endsWith('.html') ? url.pathname : `${url.pathname}/`;
  return (await cache.match(path)) ?? (await cache.match(`${path}index.html`)) ?? null;
}

async function respond(request, event) {
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    const page = await cachedPage(url);
    if (page) return page;
    try {
      return await fetch(request);
    } catch {
      return (await caches.match(`${BASE}404.html`)) ?? Response.error();
    }
  }
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  // Anything else of this site fetched on use (the digits) is kept for the next time, offline included.
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    // Under waitUntil: the browser keeps the worker alive until the copy is written (1.6 MB for the digits).
    event.waitUntil(caches.open(RUNTIME_NAME).then((cache) => cache.put(request, copy)));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  event.respondWith(respond(event.request, event));
});
