/**
 * Registers the service worker (sw.js, written at build time) once the page has loaded, and offers a new version when
 * one has been installed: the reader chooses when to reload, so a page never mixes files of two builds.
 */
import { ui } from '../i18n/ui';

/** Registers `<base>sw.js` for the whole site; shows the update offer when a new build is waiting. */
export function registerServiceWorker(base: string): void {
  if (!('serviceWorker' in navigator)) return;
  let asked = false;
  // The first install also changes the controller (clients.claim): reload only when the reader asked for it.
  navigator.serviceWorker.addEventListener('controllerchange', () => asked && location.reload());
  navigator.serviceWorker
    .register(`${base}sw.js`, { scope: base })
    .then((registration) => {
      const offer = (waiting: ServiceWorker) =>
        showUpdateOffer(() => {
          asked = true;
          waiting.postMessage({ type: 'skip-waiting' });
        });
      const watch = (installing: ServiceWorker | null) =>
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && navigator.serviceWorker.controller) offer(installing);
        });
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
      // A new build may already be installing (the browser checked when this page was requested), or appear later.
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
      return registration.update();
    })
    .catch(() => {
      // No service worker (a browser setting, a host that blocks it): the site still works online.
    });
}

function showUpdateOffer(update: () => void): void {
  if (document.querySelector('.update-offer')) return;
  const offer = document.createElement('div');
  offer.className = 'update-offer';
  offer.setAttribute('role', 'status');
  const text = Object.assign(document.createElement('p'), { textContent: ui.updateReady });
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: ui.updateReload });
  button.addEventListener('click', () => {
    button.disabled = true;
    update();
  });
  offer.append(text, button);
  document.body.append(offer);
}
