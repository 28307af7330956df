import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

interface Internals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): {
      execute(): Promise<{ rows: unknown[] }>;
    };
  };
}

/**
 * Runs a Drizzle `sql` query as a NAMED prepared statement, on the pool or inside the caller's
 * transaction: PostgreSQL parses and plans it once per connection instead of on every call
 * (on the hot reads, planning cost 4 to 5 times the execution). Rows are parsed as db.execute
 * parses them (timestamps stay text).
 *
 * One name, one text: pg refuses a name reused with another text, so optional fragments
 * must pick the name too (see `variant`). Values vary, SQL does not.
 */
export async function named<T>(db: DbOrTx, name: string, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as Internals;
  const result = await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
  return result.rows as T[];
}

/** Same as `named`, for a query already written with $1, $2... placeholders. */
export async function namedText<T>(db: DbOrTx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const { session } = db as unknown as Internals;
  const result = await session.prepareQuery({ sql: text, params: values }, undefined, name, false).execute();
  return result.rows as T[];
}

/** A statement name for one combination of optional fragments: `variant('feed', {cursor: true, kind: false})` is 'feed:cursor'. */
export function variant(base: string, parts: Record<string, boolean>): string {
  const on = Object.keys(parts).filter((k) => parts[k]);
  return on.length === 0 ? base : `${base}:${on.join('+')}`;
}
