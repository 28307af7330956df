import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ByteLru } from '../../lib/byte-lru.js';

/**
 * Is a query's match set small enough to read whole? Asked of PostgreSQL's planner, which knows each table's
 * most common lexemes (the `most_common_elems` statistics of `search_vector`): a word it does not track is rarer
 * than the least common one it does, and gets the same floor estimate as a word found nowhere. Such a query's
 * postings are read whole from the GIN index (cost follows the few matches); probing recent periods first would
 * walk the periods' dates in the index for nothing (0.2 to 0.4 s each on 1,000,000 documents, 1 to 2 s for a
 * word found nowhere, measured on `seed:large`).
 *
 * Planning only, no execution: about a millisecond for both estimates, and the answer is kept ten minutes per
 * query text.
 */

const TTL_MS = 10 * 60_000;
const answers = new ByteLru<{ rare: boolean; at: number }>(256 * 1024);

/** The searched tables (each with `search_vector` and `deleted_at`); a test names its own. */
const SEARCHED = ['posts', 'comments'];

const estimateOf = async (db: DbOrTx, tsquery: SQL, tables: string[]): Promise<number> => {
  const parts = tables.map((t) => sql`SELECT 1 FROM ${sql.identifier(t)} WHERE search_vector @@ ${tsquery} AND deleted_at IS NULL`);
  const { rows } = await db.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql`
    EXPLAIN (FORMAT JSON) ${sql.join(parts, sql` UNION ALL `)}`);
  const plan = rows[0]!['QUERY PLAN'];
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows'];
};

// A lexeme no text holds: its estimate is the floor the planner gives every word its statistics do not track.
const UNKNOWN_WORD = sql`to_tsquery('simple', 'qqzxwjkvunknownlexeme')`;

export async function isRareQuery(db: DbOrTx, q: string, tsquery: SQL, tables = SEARCHED): Promise<boolean> {
  const now = Date.now();
  const fresh = (v: { at: number }) => now - v.at < TTL_MS;
  const key = `${tables.join(',')}:${q}`;
  const known = answers.get(key, fresh);
  if (known) return known.rare;
  // The floor is asked each time too: it moves with the statistics, and a stale one would misjudge every query.
  const rare = (await estimateOf(db, tsquery, tables)) <= await estimateOf(db, UNKNOWN_WORD, tables);
  answers.set(key, { rare, at: now }, 64 + key.length * 2);
  return rare;
}
