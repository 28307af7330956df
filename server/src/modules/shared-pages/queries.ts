import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';

/** Read queries of co-written pages, one statement each. */

export interface PageSummaryRow extends Record<string, unknown> {
  id: number;
  title: string;
  excerpt_md: string;
  revision: number;
  locked: boolean;
  updated_at: string;
  updater_id: number;
  updater_first_name: string;
  updater_last_name: string;
}

const summaryColumns = sql.raw(`
  w.id, w.title, left(w.body_md, 600) AS excerpt_md, w.revision, w.locked_at IS NOT NULL AS locked,
  to_char(w.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at,
  uu.id AS updater_id, uu.first_name AS updater_first_name, uu.last_name AS updater_last_name`);

/** A community's pages, last changed first (index wiki_pages_community_idx). */
export async function communityPages(db: DbOrTx, communityId: number, cursor: PgKeyset | undefined, limit: number): Promise<PageSummaryRow[]> {
  const { rows } = await db.execute<PageSummaryRow>(sql`
    SELECT ${summaryColumns}
      FROM wiki_pages w JOIN users uu ON uu.id = w.updated_by
     WHERE w.community_id = ${communityId}
       ${cursor ? sql`AND (w.updated_at, w.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
     ORDER BY w.updated_at DESC, w.id DESC
     LIMIT ${limit + 1}`);
  return rows;
}

export interface PageRow extends PageSummaryRow {
  community_id: number;
  community_slug: string;
  community_name: string;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  body_md: string;
  body_html: string;
  created_at: string;
  locked_at: string | null;
  locker_id: number | null;
  locker_first_name: string | null;
  locker_last_name: string | null;
  editor_id: number | null;
  editor_first_name: string | null;
  editor_last_name: string | null;
  editing_until: string | null;
  creator_id: number;
  creator_first_name: string;
  creator_last_name: string;
}

export async function findPage(db: DbOrTx, id: number, user: CurrentUser | null): Promise<PageRow | undefined> {
  const { rows } = await db.execute<PageRow>(sql`
    SELECT ${summaryColumns}, w.body_md, w.body_html, ${isoText('w.created_at')} AS created_at, ${isoText('w.locked_at')} AS locked_at,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.status AS community_status,
           m.role AS my_role,
           lu.id AS locker_id, lu.first_name AS locker_first_name, lu.last_name AS locker_last_name,
           eu.id AS editor_id, eu.first_name AS editor_first_name, eu.last_name AS editor_last_name,
           ${isoText('w.editing_until')} AS editing_until,
           cu.id AS creator_id, cu.first_name AS creator_first_name, cu.last_name AS creator_last_name
      FROM wiki_pages w
      JOIN communities c ON c.id = w.community_id
      JOIN users uu ON uu.id = w.updated_by
      JOIN users cu ON cu.id = w.created_by
      LEFT JOIN users lu ON lu.id = w.locked_by
      LEFT JOIN users eu ON eu.id = w.editing_by AND w.editing_until > now()
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user?.id ?? 0}
     WHERE w.id = ${id}`);
  return rows[0];
}

export interface RevisionRow extends Record<string, unknown> {
  id: number;
  number: number;
  title: string;
  summary: string;
  restored_from: number | null;
  created_at: string;
  author_id: number;
  author_first_name: string;
  author_last_name: string;
}

const revisionColumns = sql.raw(`
  r.id, r.number, r.title, r.summary, r.restored_from,
  to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
  u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name`);

/** History, newest first, paged by revision number (unique index on page, number). */
export async function pageRevisions(db: DbOrTx, pageId: number, before: number | undefined, limit: number): Promise<RevisionRow[]> {
  const { rows } = await db.execute<RevisionRow>(sql`
    SELECT ${revisionColumns}
      FROM wiki_revisions r JOIN users u ON u.id = r.author_id
     WHERE r.page_id = ${pageId} ${before ? sql`AND r.number < ${before}` : sql``}
     ORDER BY r.number DESC
     LIMIT ${limit + 1}`);
  return rows;
}

export interface FullRevisionRow extends RevisionRow {
  body_md: string;
  body_html: string;
}

export async function findRevisions(db: DbOrTx, pageId: number, numbers: number[]): Promise<FullRevisionRow[]> {
  const { rows } = await db.execute<FullRevisionRow>(sql`
    SELECT ${revisionColumns}, r.body_md, r.body_html
      FROM wiki_revisions r JOIN users u ON u.id = r.author_id
     WHERE r.page_id = ${pageId} AND r.number = ANY(${sql.param(numbers)}::int[])`);
  return rows;
}

/** The pages placed in a dossier, in order. */
export async function dossierPageRows(db: DbOrTx, dossierId: number): Promise<(PageSummaryRow & { position: number })[]> {
  const { rows } = await db.execute<PageSummaryRow & { position: number }>(sql`
    SELECT dp.position, ${summaryColumns}
      FROM dossier_pages dp
      JOIN wiki_pages w ON w.id = dp.page_id
      JOIN users uu ON uu.id = w.updated_by
     WHERE dp.dossier_id = ${dossierId}
     ORDER BY dp.position`);
  return rows;
}
