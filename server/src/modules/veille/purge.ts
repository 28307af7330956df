import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * Retention of the veille inbox. Items received more than `retentionDays` ago and dismissed or never
 * acted upon are deleted; published items are kept, because:
 * - they tie the veille post to the article it came from (post_id), which the activity figures count;
 * - their link and guid stay in the unique indexes, so a feed that still lists an already published
 *   article never brings it back to the inbox (and it cannot be published twice);
 * - there are few of them: one per post an animator wrote, not one per feed entry.
 *
 * Deleting a dismissed item frees its link: if a feed still lists that article after the retention
 * period, the next poll brings it back as new. Feeds list their latest entries, so this is rare.
 *
 * Each batch is one short statement (a bounded number of rows taken through veille_items_purge_idx, no
 * table lock, every batch committed on its own). Rows are claimed with FOR UPDATE SKIP LOCKED: two
 * workers running the job together delete disjoint rows, and an item an animator is publishing or
 * dismissing at that moment (locked by lockNewItem) is left for the next run. Running it again
 * deletes nothing more: it is idempotent.
 */

export const PURGE_BATCH = 1_000;
/** At most this many batches per run, so one run stays short; the next run (daily) goes on. */
export const PURGE_MAX_BATCHES = 200;

export async function purgeVeilleItems(
  db: Db,
  opts: { retentionDays: number; batchSize?: number; maxBatches?: number },
): Promise<{ deleted: number; batches: number }> {
  const batchSize = opts.batchSize ?? PURGE_BATCH;
  const maxBatches = opts.maxBatches ?? PURGE_MAX_BATCHES;
  // One cutoff for the whole run: items crossing it while the run goes on wait for the next one.
  const { rows: [cut] } = await db.execute<{ cutoff: string }>(sql`
    SELECT (now() - make_interval(days => ${opts.retentionDays}))::text AS cutoff`);
  let deleted = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const { rows } = await db.execute<{ n: number }>(sql`
      WITH doomed AS (
        SELECT id FROM veille_items
         WHERE status <> 'published' AND fetched_at < ${cut!.cutoff}::timestamptz
         ORDER BY fetched_at
         LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED),
      del AS (DELETE FROM veille_items i USING doomed WHERE i.id = doomed.id RETURNING 1)
      SELECT count(*)::int AS n FROM del`);
    batches += 1;
    deleted += rows[0]!.n;
    if (rows[0]!.n < batchSize) break;
  }
  return { deleted, batches };
}
