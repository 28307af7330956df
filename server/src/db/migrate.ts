import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Key of the advisory lock held while a process installs its schemas (any constant; only this code takes it). */
const STARTUP_LOCK = 7_264_021_455;

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock, on a connection of its own (`fn` uses the pool), so
 * that processes starting together on one database (the web instances and the worker, after an upgrade) install
 * schemas one after the other. `CREATE … IF NOT EXISTS` is not safe against a concurrent twin: one of them fails
 * with a duplicate key on the catalog and the process would crash.
 */
export async function withStartupLock<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T> {
  const lock = new pg.Client(pool.options);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await fn();
  } finally {
    // Ending the session releases the lock, even when `fn` failed.
    await lock.end();
  }
}

/** Applies pending migrations; drizzle's migrator takes no lock of its own, hence withStartupLock. */
export async function runMigrations(db: Db): Promise<void> {
  const pool = (db as Db & { $client: pg.Pool }).$client;
  await withStartupLock(pool, () => migrate(db, { migrationsFolder, migrationsSchema: 'drizzle' }));
}
