import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export type SourceRow = {
  id: number;
  url: string;
  title: string;
  created_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  failure_count: number;
  item_count: number;
  pending_count: number;
};

const SOURCE_COLUMNS = sql`
  s.id, s.url, s.title, s.created_at, s.last_polled_at, s.last_success_at, s.last_error_at, s.last_error,
  s.failure_count, s.item_count,
  (SELECT count(*)::int FROM veille_items i WHERE i.source_id = s.id AND i.status = 'new') AS pending_count`;

/**
 * A community's sources, all of them: at most LIMITS.veilleSourcesPerCommunity exist, so the whole
 * list is one bounded page (the pending counts read the inbox index of each source's community).
 */
export async function listSources(db: DbOrTx, communityId: number): Promise<SourceRow[]> {
  const { rows } = await db.execute<SourceRow>(sql`
    SELECT ${SOURCE_COLUMNS} FROM veille_sources s WHERE s.community_id = ${communityId} ORDER BY s.title, s.id`);
  return rows;
}

export async function findSource(db: DbOrTx, communityId: number, sourceId: number) {
  const { rows } = await db.execute<SourceRow & { community_id: number; etag: string | null; last_modified: string | null }>(sql`
    SELECT ${SOURCE_COLUMNS}, s.community_id, s.etag, s.last_modified
      FROM veille_sources s WHERE s.id = ${sourceId} AND s.community_id = ${communityId}`);
  return rows[0] ?? null;
}

export type InboxRow = {
  id: number;
  link: string;
  title: string;
  summary: string;
  published_at: string | null;
  fetched_at: string;
  source_id: number;
  source_title: string;
};

/** Undecided items, newest first, keyset on the id over veille_items_inbox_idx. */
export async function listInbox(db: DbOrTx, communityId: number, before: number | null, limit: number): Promise<InboxRow[]> {
  const { rows } = await db.execute<InboxRow>(sql`
    SELECT i.id, i.link, i.title, i.summary, i.published_at, i.fetched_at, i.source_id, s.title AS source_title
      FROM veille_items i JOIN veille_sources s ON s.id = i.source_id
     WHERE i.community_id = ${communityId} AND i.status = 'new' AND (${before}::bigint IS NULL OR i.id < ${before})
     ORDER BY i.id DESC LIMIT ${limit + 1}`);
  return rows;
}
