import { sql, type SQL } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import { named, variant } from '../../lib/named-query.js';

export interface DraftRow extends Record<string, unknown> {
  place: string;
  title: string;
  body: string;
  updated_at: string;
}

/** One draft of the person, or undefined (served by drafts_user_place_key). */
export async function findDraft(db: DbOrTx, userId: number, place: string): Promise<DraftRow | undefined> {
  const rows = await named<DraftRow>(db, 'draft-by-place', sql`
    SELECT place, title, body, ${isoText('updated_at')} AS updated_at FROM drafts WHERE user_id = ${userId} AND place = ${place}`);
  return rows[0];
}

/**
 * Saves the person's text for the place in one statement: updated when it exists, created while the person keeps
 * fewer than LIMITS.draftsPerUser drafts. Undefined when that limit refused it.
 */
export async function saveDraft(db: DbOrTx, userId: number, place: string, title: string, body: string): Promise<string | undefined> {
  const rows = await named<{ updated_at: string }>(db, 'draft-save', sql`
    INSERT INTO drafts AS d (user_id, place, title, body)
    SELECT ${userId}, ${place}, ${title}, ${body}
     WHERE EXISTS (SELECT 1 FROM drafts WHERE user_id = ${userId} AND place = ${place})
        OR (SELECT count(*) FROM drafts WHERE user_id = ${userId}) < ${LIMITS.draftsPerUser}
    ON CONFLICT (user_id, place) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, updated_at = now()
    RETURNING ${isoText('d.updated_at')} AS updated_at`);
  return rows[0]?.updated_at;
}

/**
 * The CTE that discards the author's draft of `place` inside the statement that publishes what it was the draft of,
 * when `written` (a CTE of that statement) holds a row: no round trip of its own, and a refused write keeps the
 * draft. A null `place` discards nothing (a write made elsewhere than the page's form: a reply by mail).
 */
export function discardDraftCte(userId: number, place: string | null, written: string): SQL {
  return sql`discarded_draft AS (
    DELETE FROM drafts WHERE user_id = ${userId} AND place = ${place}::text AND EXISTS (SELECT 1 FROM ${sql.raw(written)}))`;
}

/** Removes the person's draft(s): one place, or every place starting with `prefix` (all sections of a report). */
export async function discardDraft(db: DbOrTx, userId: number, place: string): Promise<void> {
  await db.execute(sql`DELETE FROM drafts WHERE user_id = ${userId} AND place = ${place}`);
}

export async function discardDraftsStartingWith(db: DbOrTx, userId: number, prefix: string): Promise<void> {
  // A range on the unique index (user_id, place), not a pattern: the prefix is ours, never typed.
  await db.execute(sql`DELETE FROM drafts WHERE user_id = ${userId} AND place >= ${prefix} AND place < ${`${prefix}\u{10FFFF}`}`);
}

export interface DraftListRow extends Record<string, unknown> {
  id: number;
  place: string;
  title: string;
  excerpt: string;
  /** The cursor's key: updated_at again, under the name keysetPage reads. */
  created_at: string;
  updated_at: string;
  /** Where it would be published, when the person may still see it. */
  target_label: string | null;
  target_url: string | null;
  /** Why it can no longer be published there; null while it can. */
  gone: 'post_deleted' | 'not_member' | 'conversation_left' | 'report_closed' | 'not_found' | null;
}

/**
 * « Mes brouillons », most recently saved first (drafts_user_updated_idx), each with where it goes and
 * whether it can still be published there, in one statement (one primary-key lookup per row).
 */
export async function listDrafts(db: DbOrTx, userId: number, cursor: PgKeyset | undefined, limit: number): Promise<DraftListRow[]> {
  const before = cursor ? sql`AND (d.updated_at, d.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  return named<DraftListRow>(db, variant('drafts-list', { cursor: !!cursor }), sql`
    SELECT d.id, d.place, d.title, left(d.body, 300) AS excerpt, ${isoText('d.updated_at')} AS created_at,
           ${isoText('d.updated_at')} AS updated_at, t.label AS target_label, t.url AS target_url, t.gone
      FROM drafts d
      CROSS JOIN LATERAL (SELECT split_part(d.place, ':', 1) AS kind, split_part(d.place, ':', 2)::bigint AS target_id) k
      LEFT JOIN LATERAL (
        SELECT c.name AS label, '/communautes/' || c.slug AS url,
               CASE WHEN m.user_id IS NULL THEN 'not_member' END AS gone
          FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = d.user_id
         WHERE k.kind = 'post' AND c.id = k.target_id AND (c.status <> 'draft' OR m.user_id IS NOT NULL)
        UNION ALL
        SELECT CASE WHEN live THEN p.title END, CASE WHEN live THEN '/publications/' || p.id END,
               CASE WHEN p.deleted_at IS NOT NULL THEN 'post_deleted' WHEN m.user_id IS NULL THEN 'not_member' END
          FROM posts p JOIN communities c ON c.id = p.community_id
          LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = d.user_id
          CROSS JOIN LATERAL (SELECT p.deleted_at IS NULL AND (p.hidden_at IS NULL OR p.author_id = d.user_id)
                                     AND (c.status <> 'draft' OR m.user_id IS NOT NULL) AS live) v
         WHERE k.kind = 'comment' AND p.id = k.target_id
        UNION ALL
        SELECT coalesce(nullif(cv.title, ''), 'Conversation privée'), '/messages/' || cv.id, NULL
          FROM conversation_members cm JOIN conversations cv ON cv.id = cm.conversation_id
         WHERE k.kind = 'message' AND cm.conversation_id = k.target_id AND cm.user_id = d.user_id
        UNION ALL
        SELECT 'Rapport d’activité', '/rapports/' || r.id, CASE WHEN r.submitted_at IS NOT NULL THEN 'report_closed' END
          FROM activity_reports r
         WHERE k.kind = 'report' AND r.id = k.target_id AND r.author_id = d.user_id
      ) t0 ON true
      CROSS JOIN LATERAL (
        SELECT t0.label, t0.url,
               coalesce(t0.gone, CASE WHEN t0.url IS NULL AND t0.label IS NULL THEN
                 CASE k.kind WHEN 'message' THEN 'conversation_left' ELSE 'not_found' END END) AS gone
      ) t
     WHERE d.user_id = ${userId} ${before}
     ORDER BY d.updated_at DESC, d.id DESC
     LIMIT ${limit + 1}`);
}
