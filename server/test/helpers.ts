import { afterAll, inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { createDb, createPool } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { createMailer } from '../src/modules/mail/service.js';
import type { App } from '../src/types.js';
import type { DbOrTx } from '../src/db/client.js';
import { watchEmitted } from '../src/events/bus.js';
import { EventDispatcher } from '../src/events/dispatcher.js';

/**
 * The outbox rows (domain_events) each test app wrote and its dispatcher has not taken yet. Test files share the
 * run's database and a file may build several apps (each with its own mailer): a test app dispatches only its own
 * rows, found by the connection of the transaction that wrote them (drizzle's session client: a pool client, or the
 * pool itself outside a transaction).
 */
const pendingOf = new WeakMap<object, Set<number>>();
const pendingSets = new Map<App, Set<number>>();
watchEmitted((id: number, tx: DbOrTx) => {
  const connection = (tx as unknown as { session?: { client?: object } }).session?.client;
  if (connection) pendingOf.get(connection)?.add(id);
});

/** An idle test app looks for its committed outbox rows this often. */
const TEST_EVENTS_POLL_MS = 20;

export interface TestApp {
  app: App;
  config: Config;
  close: () => Promise<void>;
}

/**
 * Builds the real application on the run's test database.
 * Rate limits are multiplied so that tests sharing 127.0.0.1 don't trip them, unless a test asks.
 */
export async function makeTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config: Config = {
    ...loadConfig({ PUBLIC_URL: 'http://localhost:3000' } as NodeJS.ProcessEnv, []),
    databaseUrl: inject('databaseUrl'),
    logLevel: 'silent',
    seedDemo: false,
    rateLimitFactor: 1000,
    smtpUrl: undefined,
    ...overrides,
  };
  const pool = createPool(config.databaseUrl!, 5);
  const db = createDb(pool);
  const mailer = createMailer(db, config.smtpUrl, config.mailFrom, () => {});
  const pending = new Set<number>();
  pendingOf.set(pool, pending);
  pool.on('connect', (client) => pendingOf.set(client, pending));
  const app = await buildApp(config, { db, pool, mailer });
  await app.ready();
  pendingSets.set(app, pending);
  // What the worker role does in production: e-mails and other after-commit reactions of this app's writes.
  const events = EventDispatcher.start({
    db, mailer, log: () => {}, pollMs: TEST_EVENTS_POLL_MS, only: () => [...pending], taken: (id) => pending.delete(id),
  });
  const close = async () => {
    await events.stop();
    pendingSets.delete(app);
    await app.close();
    mailer.close();
    await pool.end();
  };
  return { app, config, close };
}

/** A test app closed automatically after the file's tests. */
export async function useTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const t = await makeTestApp(overrides);
  afterAll(t.close);
  return t;
}

/**
 * Waits until the after-commit reactions of the app's writes so far ran (its outbox rows were dispatched): what a
 * test checks after it, e-mails included, is there; what is not there will not come. Call it once the requests are
 * answered: rows of a transaction still open would not be seen.
 */
export async function drainEvents(app: App, timeoutMs = 10_000): Promise<void> {
  const pending = pendingSets.get(app);
  if (!pending) throw new Error('drainEvents: not a test app (makeTestApp / useTestApp)');
  const end = Date.now() + timeoutMs;
  while (pending.size > 0) {
    // A row of a rolled back transaction never shows: forgotten, as its change.
    const { rows } = await app.pool.query<{ id: number }>('SELECT id FROM domain_events WHERE id = ANY($1::bigint[])', [[...pending]]);
    const present = new Set(rows.map((r) => r.id));
    for (const id of pending) if (!present.has(id)) pending.delete(id);
    if (pending.size === 0) return;
    if (Date.now() > end) throw new Error(`drainEvents: ${pending.size} outbox row(s) still pending (ids ${[...pending].join(', ')})`);
    await new Promise((r) => setTimeout(r, TEST_EVENTS_POLL_MS));
  }
}

let counter = 0;
/** A unique suffix so each test makes its own data in the shared run database. */
/**
 * Takes a PostgreSQL advisory lock on a connection of its own and keeps it until `release`: test files that flip
 * one network-wide setting (the welcome campaign's pause) take turns with those that depend on it, across processes.
 */
export async function holdTestLock(app: App, name: string): Promise<{ release: () => Promise<void> }> {
  const client = await app.pool.connect();
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [`test:${name}`]);
  return {
    release: async () => {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`test:${name}`]).catch(() => undefined);
      client.release();
    },
  };
}

export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}
