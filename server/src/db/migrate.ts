import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Key of the advisory lock held while migrating (any constant; only this code takes it). */
const MIGRATION_LOCK = 7_264_021_455;

/**
 * Applies pending migrations. Every process migrates at start, and after an upgrade the web instances and the
 * worker start together: drizzle's migrator takes no lock, so two of them would run the same CREATE TABLE and one
 * would crash. A session advisory lock, on a connection of its own (the migrator's transaction uses the pool),
 * makes the others wait, then find nothing left to apply.
 */
export async function runMigrations(db: Db): Promise<void> {
  const pool = (db as Db & { $client: pg.Pool }).$client;
  const lock = new pg.Client(pool.options);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder, migrationsSchema: 'drizzle' });
  } finally {
    // Ending the session releases the lock, even if the migration failed.
    await lock.end();
  }
}
