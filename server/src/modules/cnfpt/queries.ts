import { sql } from 'drizzle-orm';
import type { CnfptResourceType } from '../../../../common/cnfpt.js';
import type { DbOrTx } from '../../db/client.js';

export type CnfptSourceRow = {
  id: number;
  url: string;
  title: string;
  resource_type: CnfptResourceType;
  created_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  failure_count: number;
  item_count: number;
};

const SOURCE_COLUMNS = sql`
  s.id, s.url, s.title, s.resource_type, s.created_at, s.last_polled_at, s.last_success_at, s.last_error_at, s.last_error,
  s.failure_count, s.item_count`;

/** Every national source: at most LIMITS.cnfptSources exist, so the list is one bounded page. */
export async function listCnfptSources(db: DbOrTx): Promise<CnfptSourceRow[]> {
  const { rows } = await db.execute<CnfptSourceRow>(sql`SELECT ${SOURCE_COLUMNS} FROM cnfpt_sources s ORDER BY s.title, s.id`);
  return rows;
}

export async function findCnfptSource(db: DbOrTx, id: number): Promise<CnfptSourceRow | null> {
  const { rows } = await db.execute<CnfptSourceRow>(sql`SELECT ${SOURCE_COLUMNS} FROM cnfpt_sources s WHERE s.id = ${id}`);
  return rows[0] ?? null;
}

export type CnfptInboxRow = {
  id: number;
  link: string;
  title: string;
  summary: string;
  published_at: string | null;
  fetched_at: string;
  resource_type: CnfptResourceType;
  source_id: number;
  source_title: string;
};

/**
 * The national items a community has not decided on yet, newest first: a backward walk of
 * cnfpt_items' primary key, each item probed in the decisions' primary key (community, item).
 * Only those received in the last `days` (the veille's retention): a community opened next year
 * does not inherit a year of old training offers.
 */
export async function listCnfptInbox(db: DbOrTx, communityId: number, before: number | null, limit: number, days: number): Promise<CnfptInboxRow[]> {
  const { rows } = await db.execute<CnfptInboxRow>(sql`
    SELECT i.id, i.link, i.title, i.summary, i.published_at, i.fetched_at, s.resource_type, s.id AS source_id, s.title AS source_title
      FROM cnfpt_items i JOIN cnfpt_sources s ON s.id = i.source_id
     WHERE NOT EXISTS (SELECT 1 FROM cnfpt_item_decisions d WHERE d.community_id = ${communityId} AND d.item_id = i.id)
       AND i.fetched_at > now() - make_interval(days => ${days}) AND (${before}::bigint IS NULL OR i.id < ${before})
     ORDER BY i.id DESC LIMIT ${limit + 1}`);
  return rows;
}
