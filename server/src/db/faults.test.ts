import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { makeTestApp, type TestApp } from '../../test/helpers.js';
import { signedInUser } from '../../test/factories.js';
import { throwawayPostgres, type ThrowawayPostgres } from '../../test/throwaway-postgres.js';
import { createDb, createPool } from './client.js';
import { runMigrations } from './migrate.js';
import { isConnectionError } from './connection-errors.js';
import { LISTENER_NAME } from '../modules/notifications/live.js';
import { SESSION_LISTENER_NAME } from '../plugins/session-cache.js';
import { JobRunner, type JobDefinition } from '../jobs/runner.js';
import { ERRORS } from '../../../common/errors.js';

/**
 * The database goes away under a running application: connections terminated by the server
 * (pg_terminate_backend, as a restart or an administrator does) and a postmaster killed with -9.
 * The application runs in this process: an 'error' event nobody listens to would end it, and
 * Vitest reports it as an unhandled error, failing the run.
 */

async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A real SSE client on the live notification stream. */
function openStream(base: string, cookie: string) {
  const ids: number[] = [];
  let req: http.ClientRequest | undefined;
  const ready = new Promise<number>((resolve, reject) => {
    req = http.get(`${base}/api/notifications/stream`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/^id: (\d+)$/gm)) ids.push(Number(m[1]));
      });
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  return { ids, ready, close: () => req?.destroy() };
}

describe('database faults under a running application', () => {
  let pgx: ThrowawayPostgres;
  let t: TestApp;
  let base: string;
  let runner: JobRunner;
  const worked: number[] = [];
  const echo: JobDefinition<{ n: number }> = { name: 'test-fault-echo', handler: async (data) => { worked.push(data.n); } };
  let headers: { cookie: string; 'x-csrf-token': string };
  let userId: number;
  let admin: pg.Pool;

  beforeAll(async () => {
    pgx = await throwawayPostgres();
    const pool = createPool(pgx.url, 2);
    await runMigrations(createDb(pool));
    await pool.end();
    t = await makeTestApp({ databaseUrl: pgx.url });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    runner = await JobRunner.start({ db: t.app.db, pool: t.app.pool, log: () => {}, definitions: [echo], work: true, pollingIntervalSeconds: 0.5 });
    const member = await signedInUser(t.app);
    headers = member.headers;
    userId = member.user.id;
    // The test's own connections, outside the application's pool (their loss is expected).
    admin = createPool(pgx.url, 2, { name: 'fault-test', log: () => {} });
  }, 120_000);

  afterAll(async () => {
    await runner?.stop(2_000).catch(() => {});
    await t?.close();
    await admin?.end();
    await pgx?.stop();
  }, 60_000);

  const listening = async (name: string) =>
    (await admin.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [name]).catch(() => ({ rows: [] }))).rows.length > 0;

  /** Inserts a notification and wakes the listeners, as the notification hooks do. */
  const notify = async () => (await admin.query<{ id: number }>(
    `WITH ins AS (INSERT INTO notifications (user_id, kind, data) VALUES ($1, 'fault_test', '{"title":"Après la panne"}') RETURNING id, user_id)
     SELECT id, pg_notify('notifications', user_id::text) FROM ins`, [userId])).rows[0]!.id;

  it('survives connections terminated mid-transaction and under LISTEN, then serves, listens and works jobs again', async () => {
    const stream = openStream(base, headers.cookie);
    expect(await stream.ready).toBe(200);
    await until(() => listening(LISTENER_NAME), 10_000, 'LISTEN in place');

    // A transaction holds a connection between two statements; a second one is checked out, idle.
    const idleCheckout = await t.app.pool.connect();
    const tx = t.app.db.transaction(async (trx) => {
      await trx.execute(sql`SELECT 1`);
      await new Promise((r) => setTimeout(r, 1_500));
      await trx.execute(sql`SELECT 1`);
    });
    const txOutcome = tx.then(() => null, (err: unknown) => err);
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'fault-test'`);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(4);
    const txError = await txOutcome;
    expect(isConnectionError(txError)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    idleCheckout.release(true);

    // Still alive: the API answers, LISTEN (notifications and sessions) comes back by itself.
    const res = await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers });
    expect(res.statusCode).toBe(200);
    await until(() => listening(LISTENER_NAME), 15_000, 'notifications LISTEN back');
    await until(() => listening(SESSION_LISTENER_NAME), 15_000, 'session cache LISTEN back');
    const id = await notify();
    await until(() => stream.ids.includes(id), 5_000, 'notification delivered after the reconnection');

    await runner.send(echo.name, { n: 1 });
    await until(() => worked.includes(1), 15_000, 'job worked');
    stream.close();
  }, 60_000);

  it('answers 503 SERVICE_UNAVAILABLE while PostgreSQL is dead (kill -9), and resumes once it is back', async () => {
    const stream = openStream(base, headers.cookie);
    expect(await stream.ready).toBe(200);
    await pgx.kill();

    for (const h of [{}, { cookie: headers.cookie }]) {
      const health = await t.app.inject({ method: 'GET', url: '/api/health', headers: h });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    }
    for (const req of [
      { method: 'GET' as const, url: '/api/notifications', headers },
      { method: 'GET' as const, url: '/api/communities' },
      { method: 'POST' as const, url: '/api/notifications/read-all', headers },
      { method: 'POST' as const, url: '/api/auth/login', payload: { email: 'personne@exemple.fr', password: 'Tournesol-Pivoine-42-Cassis' } },
    ]) {
      const res = await t.app.inject(req);
      expect(res.statusCode, req.url).toBe(503);
      expect(res.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: ERRORS.SERVICE_UNAVAILABLE.message });
      expect(res.headers['retry-after']).toBe('5');
    }
    // A job sent while the database is down cannot be queued; the workers keep polling meanwhile.
    await expect(runner.send(echo.name, { n: 2 })).rejects.toSatisfy(isConnectionError);
    await new Promise((r) => setTimeout(r, 1_500));

    await pgx.restart();
    await until(async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode === 200, 30_000, 'health back');
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications', headers })).statusCode).toBe(200);
    await until(() => listening(LISTENER_NAME), 30_000, 'notifications LISTEN back');
    const id = await notify();
    // The stream opened before the crash stays open and receives what is written after it.
    await until(() => stream.ids.includes(id), 5_000, 'notification delivered on the old stream');
    await runner.send(echo.name, { n: 3 });
    await until(() => worked.includes(3), 20_000, 'job worked after the restart');
    stream.close();
  }, 120_000);
});
