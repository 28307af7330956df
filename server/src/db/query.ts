import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * The typed helpers through which modules run hand-written SQL (ADR 0007): a Drizzle `sql` template,
 * run on the pool or inside the caller's transaction, its rows typed by the caller once, here, instead
 * of a cast at each use. Rows are parsed as db.execute parses them: int8 as numbers (client.ts),
 * timestamps and dates as text (a column read as a Date says so in SQL or converts after).
 */

type Row = Record<string, unknown>;

/** Every row of the query. */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = await db.execute<Row>(query);
  return result.rows as T[];
}

/** The first row, or undefined when there is none. */
export async function maybeOne<T>(db: DbOrTx, query: SQL): Promise<T | undefined> {
  const result = await db.execute<Row>(query);
  return result.rows[0] as T | undefined;
}

/** The first row of a query that always returns one (an aggregate, a `SELECT EXISTS`). */
export async function one<T>(db: DbOrTx, query: SQL): Promise<T> {
  const row = await maybeOne<T>(db, query);
  if (row === undefined) throw new Error('query returned no row');
  return row;
}

/** A statement run for its effect: how many rows it touched. */
export async function run(db: DbOrTx, query: SQL): Promise<number> {
  const result = await db.execute<Row>(query);
  return result.rowCount ?? 0;
}
