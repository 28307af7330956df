import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies pending migrations; an advisory lock keeps concurrent instances from racing. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder, migrationsSchema: 'drizzle' });
}
