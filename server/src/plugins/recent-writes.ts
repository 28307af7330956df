import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { App } from '../types.js';
import { isSuccessfulApiWrite } from '../lib/safe-methods.js';

export function recentWriteCookieName(secure: boolean): string {
  return secure ? '__Host-ecom_wrote' : 'ecom_wrote';
}

/**
 * `request.wroteRecently`: this browser made a successful write within the shared caches' lifetime
 * (SEARCH_CACHE_SECONDS). Pages shared between readers for that long (search hits) may predate the write: such a
 * person is served fresh, so that nobody searches for what they just wrote and misses it. Everyone else shares them.
 *
 * A cookie rather than a per-instance memory: the next request may reach another web instance. It lives one second
 * longer than the cache's entries, so every entry made before the write has expired by the time it does. It carries
 * nothing but its presence; a forged one only costs its bearer a fresh search.
 */
export default fp(async function recentWrites(app: App) {
  const name = recentWriteCookieName(app.config.secureCookies);
  const seconds = app.config.searchCacheSeconds;
  app.decorateRequest('wroteRecently', {
    getter(this: FastifyRequest) {
      return this.cookies[name] !== undefined;
    },
  });
  if (seconds <= 0) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isSuccessfulApiWrite(request.method, request.url, reply.statusCode)) return payload;
    reply.setCookie(name, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: seconds + 1 });
    return payload;
  });
});
