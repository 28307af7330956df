import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, toIso, type PgKeyset } from '../../lib/cursor.js';

/** The audit log, newest first, for one community (community index) or the whole network. */

interface AuditRow extends Record<string, unknown> {
  id: number;
  created_at: string;
  community_id: number | null;
  community_slug: string | null;
  community_name: string | null;
  actor_id: number;
  actor_first_name: string;
  actor_last_name: string;
  action: string;
  target_type: string;
  target_id: number;
  target_user_id: number | null;
  target_first_name: string | null;
  target_last_name: string | null;
  reason_code: string | null;
  reason_label: string | null;
  reason_article: string | null;
  message: string;
  before: unknown;
  after: unknown;
}

export async function listAudit(db: DbOrTx, communityId: number | null, cursor: PgKeyset | undefined, limit: number): Promise<AuditRow[]> {
  const scope = communityId === null ? sql`TRUE` : sql`m.community_id = ${communityId}`;
  const before = cursor ? sql`AND (m.created_at, m.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  const { rows } = await db.execute<AuditRow>(sql`
    SELECT m.id, ${isoText('m.created_at')} AS created_at,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           a.id AS actor_id, a.first_name AS actor_first_name, a.last_name AS actor_last_name,
           m.action, m.target_type, m.target_id,
           t.id AS target_user_id, t.first_name AS target_first_name, t.last_name AS target_last_name,
           r.code AS reason_code, r.label AS reason_label, r.article AS reason_article,
           m.message, m.before, m.after
      FROM moderation_audit m
      JOIN users a ON a.id = m.actor_id
      LEFT JOIN users t ON t.id = m.target_user_id
      LEFT JOIN communities c ON c.id = m.community_id
      LEFT JOIN flag_reasons r ON r.code = m.reason_code
     WHERE ${scope} ${before}
     ORDER BY m.created_at DESC NULLS LAST, m.id DESC NULLS LAST
     LIMIT ${limit + 1}`);
  return rows;
}

export function presentAudit(row: AuditRow) {
  return {
    id: row.id,
    createdAt: toIso(row.created_at),
    community: row.community_id ? { id: row.community_id, slug: row.community_slug!, name: row.community_name! } : null,
    actor: { id: row.actor_id, firstName: row.actor_first_name, lastName: row.actor_last_name },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetUser: row.target_user_id ? { id: row.target_user_id, firstName: row.target_first_name!, lastName: row.target_last_name! } : null,
    reason: row.reason_code ? { code: row.reason_code, label: row.reason_label!, article: row.reason_article ?? '' } : null,
    message: row.message,
    before: row.before,
    after: row.after,
  };
}
