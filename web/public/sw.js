/*
 * e-communautés service worker: the platform opens fast and, offline, still shows what was last read.
 *
 * - Built files (/assets/…, names carry a content hash): cache first, they never change.
 * - Pages: network first; offline, the last page shell received (the client's router draws any page in it).
 * - API reads (GET /api/…, JSON): network first; offline, the last answer received for that address, so the
 *   posts and feeds one has read are there. Bounded (MAX_API_ENTRIES, oldest dropped). The page deletes this
 *   cache whenever the signed-in person changes (web/src/lib/offline.ts), so that nobody finds another's reads.
 * - Never cached: writes, the live notification stream, files and anything not JSON.
 * No push notifications. Bump VERSION when this strategy changes: older caches are deleted on activation.
 */
const VERSION = 'v1';
const SHELL_CACHE = `ecom-shell-${VERSION}`;
const ASSET_CACHE = `ecom-assets-${VERSION}`;
const API_CACHE = 'ecom-api'; // same name in web/src/lib/offline.ts
const MAX_API_ENTRIES = 200;
const MAX_ASSET_ENTRIES = 120;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.add(new Request('/', { cache: 'reload' }))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const kept = new Set([SHELL_CACHE, ASSET_CACHE, API_CACHE]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('ecom-') && !kept.has(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request, ASSET_CACHE, MAX_ASSET_ENTRIES));
  } else if (url.pathname.startsWith('/api/') && !url.pathname.endsWith('/stream')) {
    event.respondWith(networkFirstJson(request));
  }
});

async function pageShell(request) {
  try {
    const response = await fetch(request);
    // Only the shell itself (an HTML page) stands in for every page offline; redirects and errors do not.
    if (response.ok && (response.headers.get('content-type') || '').startsWith('text/html')) {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put('/', response.clone());
    }
    return response;
  } catch (err) {
    const cached = await caches.match('/', { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request, cacheName, max) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    await trim(cache, max);
  }
  return response;
}

async function networkFirstJson(request) {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetch(request);
    const json = (response.headers.get('content-type') || '').includes('application/json');
    if (response.ok && json && !(response.headers.get('cache-control') || '').includes('no-store')) {
      // Deleted first, so that the most recently read addresses are the last in the cache's order.
      await cache.delete(request);
      await cache.put(request, response.clone());
      await trim(cache, MAX_API_ENTRIES);
    }
    return response;
  } catch (err) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw err;
  }
}

/** Drops the oldest entries beyond `max` (a cache lists its keys in insertion order). */
async function trim(cache, max) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}
