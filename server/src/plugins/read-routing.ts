import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Db } from '../db/client.js';
import { formatLsn, parseLsn } from '../db/lsn.js';
import { ReplicaSet } from '../db/replicas.js';
import { routedReads } from '../lib/metrics.js';
import type { App } from '../types.js';
import { isSuccessfulApiWrite } from '../lib/safe-methods.js';

export function walCookieName(secure: boolean): string {
  return secure ? '__Host-ecom_wal' : 'ecom_wal';
}

/**
 * Which database serves a request's reads (`request.readDb`). Routes whose reads tolerate a little lag say so in
 * their options, `config: { readReplica: true }` (or `'anonymous'` when a signed-in reader's page mixes in what
 * they themselves just did, such as read marks written by a GET); every other route, and every write, uses the
 * primary (`app.db`). Without DATABASE_REPLICA_URLS it is `app.db`, and no hook runs.
 *
 * Read-your-writes: after a successful write, the response carries the primary's WAL position in a cookie; the
 * person's lag-tolerant reads go to a replica only once it has replayed that position, else to the primary. The
 * cookie lives a little longer than the lag bound: past it, a replica that has not replayed the write is lagging
 * beyond the bound and skipped anyway. A forged cookie only sends its bearer to the primary.
 */
export default fp(async function readRouting(app: App) {
  const routed = new WeakMap<FastifyRequest, { db: Db; pool: pg.Pool }>();
  app.decorateRequest('readDb', {
    getter(this: FastifyRequest) {
      return routed.get(this)?.db ?? app.db;
    },
  });
  const { databaseReplicaUrls: urls, replicaMaxLagMs: maxLagMs, replicaCheckMs: checkMs, secureCookies } = app.config;
  if (urls.length === 0) {
    app.decorate('replicas', null);
    return;
  }
  const replicas = new ReplicaSet(urls, app.pool, { maxLagMs, checkMs, log: (msg) => app.log.warn(msg) });
  app.decorate('replicas', replicas);
  app.addHook('onReady', () => replicas.start());
  app.addHook('onClose', () => replicas.close());

  const cookieName = walCookieName(secureCookies);
  const cookieSeconds = Math.ceil((maxLagMs + checkMs) / 1000) + 5;

  app.addHook('preHandler', async (request) => {
    const mode = request.routeOptions.config.readReplica;
    if (!mode) return;
    if (mode === 'anonymous' && request.user) {
      routedReads.inc({ target: 'primary', reason: 'signed_in' });
      return;
    }
    const pick = replicas.pick(parseLsn(request.cookies[cookieName]));
    if (pick.db) {
      routed.set(request, pick);
      routedReads.inc({ target: 'replica', reason: 'lag_tolerant' });
    } else {
      routedReads.inc({ target: 'primary', reason: pick.reason });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isSuccessfulApiWrite(request.method, request.url, reply.statusCode)) return payload;
    reply.setCookie(cookieName, formatLsn(await replicas.primaryLsn()), {
      path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: cookieSeconds,
    });
    return payload;
  });
});
