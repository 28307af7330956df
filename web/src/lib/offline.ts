import { useSyncExternalStore } from 'react';

/**
 * The installable web app's page side: registering the service worker (web/public/sw.js), the browser's
 * online state, and forgetting the offline copies of API answers when the signed-in person changes.
 */

/** The service worker's cache of API answers (same name in web/public/sw.js). */
const API_CACHE = 'ecom-api';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    // updateViaCache 'none': a new sw.js is picked up at the next visit, whatever the HTTP cache says.
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
      // Without it the platform works as a plain web site: nothing to tell the person.
    });
  });
}

/** After a sign-in or a sign-out, the reads cached for the previous person must not be shown to the next one. */
export function forgetOfflineCopies(): void {
  if (typeof caches === 'undefined') return;
  void caches.delete(API_CACHE).catch(() => undefined);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the browser says it is online (false as soon as the connection drops). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}
