import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * Retention of the national CNFPT catalogue. An item fetched more than `retentionDays` ago that no community
 * promoted is deleted, with the communities' « écartée » decisions on it (cascade); a promoted item is kept, since
 * its link stays in the unique index (a feed still listing it never brings it back) and ties the post to the
 * resource. As with the veille (veille/purge.ts), a deleted item still listed by its feed comes back as new.
 *
 * The catalogue holds at most a few thousand rows (LIMITS.cnfptSources feeds listing their latest entries): one
 * statement, no index on the fetch date. Idempotent, and safe with two workers (the second deletes nothing).
 */
export async function purgeCnfptItems(db: Db, opts: { retentionDays: number }): Promise<{ deleted: number }> {
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH del AS (
      DELETE FROM cnfpt_items i
       WHERE i.fetched_at < now() - make_interval(days => ${opts.retentionDays})
         AND NOT EXISTS (SELECT 1 FROM cnfpt_item_decisions d WHERE d.item_id = i.id AND d.status = 'promoted')
      RETURNING 1)
    SELECT count(*)::int AS n FROM del`);
  return { deleted: rows[0]!.n };
}
