import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { AddressOptions } from '../../lib/safe-fetch.js';
import type { FeedEntry } from '../veille/feed-parser.js';
import { dedupe, entryRows, fetchFeed, POLL_INTERVAL_MINUTES, type FetchResult } from '../veille/poller.js';

/**
 * Polling of the national CNFPT sources, with the veille's fetch and parser (safe fetch, size and
 * time limits, conditional requests). An item is stored once for the network; every community's
 * inbox reads it from there, so 200 communities cost no more writes than one.
 */

const BATCH = 20;

/** New items of a national source, in one statement; duplicates (same link, same guid in the source) add nothing. */
export async function storeCnfptEntries(db: DbOrTx, sourceId: number, entries: FeedEntry[]): Promise<number> {
  const list = dedupe(entries);
  if (list.length === 0) return 0;
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH ins AS (
      INSERT INTO cnfpt_items (source_id, guid, link, title, summary, published_at)
      SELECT ${sourceId}, x.guid, x.link, x.title, x.summary, x.published_at
        FROM ${entryRows(list)}
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  return rows[0]!.n;
}

type SourceToPoll = { id: number; url: string; etag: string | null; last_modified: string | null };

/** Writes a poll's outcome; a failure pushes the next poll back (doubling, at most 12 h) and shows on the national page. */
async function recordOutcome(db: Db, source: SourceToPoll, result: FetchResult): Promise<number> {
  if (result.kind === 'failed') {
    await db.execute(sql`
      UPDATE cnfpt_sources
         SET last_polled_at = now(), last_error_at = now(), last_error = ${result.message}, failure_count = failure_count + 1,
             next_poll_at = now() + least(make_interval(mins => ${POLL_INTERVAL_MINUTES} * (2 ^ least(failure_count, 5))::int), interval '12 hours')
       WHERE id = ${source.id}`);
    return 0;
  }
  return db.transaction(async (tx) => {
    const added = result.kind === 'feed' ? await storeCnfptEntries(tx, source.id, result.feed.entries) : 0;
    const validators = result.kind === 'feed' ? sql`, etag = ${result.etag}, last_modified = ${result.lastModified}` : sql``;
    await tx.execute(sql`
      UPDATE cnfpt_sources
         SET last_polled_at = now(), last_success_at = now(), failure_count = 0, last_error = NULL,
             item_count = item_count + ${added}, next_poll_at = now() + make_interval(mins => ${POLL_INTERVAL_MINUTES}) ${validators}
       WHERE id = ${source.id}`);
    return added;
  });
}

/**
 * One run of the job: claims the due national sources (moving their next poll forward, so a second
 * worker skips them), then polls them one after the other: there are few.
 */
export async function pollDueCnfptSources(db: Db, opts: AddressOptions): Promise<{ polled: number; added: number; failed: number }> {
  const { rows } = await db.execute<SourceToPoll>(sql`
    UPDATE cnfpt_sources s SET next_poll_at = now() + interval '15 minutes'
      FROM (SELECT id FROM cnfpt_sources WHERE next_poll_at <= now() ORDER BY next_poll_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) due
     WHERE s.id = due.id
    RETURNING s.id, s.url, s.etag, s.last_modified`);
  let added = 0;
  let failed = 0;
  for (const source of rows) {
    const result = await fetchFeed(source.url, { etag: source.etag, lastModified: source.last_modified }, opts);
    if (result.kind === 'failed') failed += 1;
    added += await recordOutcome(db, source, result);
  }
  return { polled: rows.length, added, failed };
}
