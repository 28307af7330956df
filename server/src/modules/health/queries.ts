import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { run } from '../../db/query.js';

/** The cheapest statement the primary can answer: rejects when it cannot be reached. */
export async function pingDatabase(db: Db): Promise<void> {
  await run(db, sql`SELECT 1`);
}
