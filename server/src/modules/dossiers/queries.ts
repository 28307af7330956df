import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';

/** Read queries of the dossiers module, one statement each. */

export interface DossierSummaryRow extends Record<string, unknown> {
  id: number;
  title: string;
  intro_md: string;
  cover_url: string | null;
  cover_alt: string | null;
  item_count: number;
  created_at: string;
  updated_at: string;
}

export async function communityDossiers(db: DbOrTx, communityId: number, cursor: PgKeyset | undefined, limit: number): Promise<DossierSummaryRow[]> {
  const { rows } = await db.execute<DossierSummaryRow>(sql`
    SELECT d.id, d.title, left(d.intro_md, 600) AS intro_md, d.cover_url, d.cover_alt, d.item_count,
           ${isoText('d.created_at')} AS created_at, ${isoText('d.updated_at')} AS updated_at
      FROM dossiers d
     WHERE d.community_id = ${communityId}
       ${cursor ? sql`AND (d.created_at, d.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
     ORDER BY d.created_at DESC, d.id DESC
     LIMIT ${limit + 1}`);
  return rows;
}

export interface DossierRow extends DossierSummaryRow {
  intro_html: string;
  community_id: number;
  community_slug: string;
  community_name: string;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  creator_id: number;
  creator_first_name: string;
  creator_last_name: string;
}

export async function findDossier(db: DbOrTx, id: number, user: CurrentUser | null): Promise<DossierRow | undefined> {
  const { rows } = await db.execute<DossierRow>(sql`
    SELECT d.id, d.title, d.intro_md, d.intro_html, d.cover_url, d.cover_alt, d.item_count,
           ${isoText('d.created_at')} AS created_at, ${isoText('d.updated_at')} AS updated_at,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.status AS community_status,
           m.role AS my_role, u.id AS creator_id, u.first_name AS creator_first_name, u.last_name AS creator_last_name
      FROM dossiers d
      JOIN communities c ON c.id = d.community_id
      JOIN users u ON u.id = d.created_by
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user?.id ?? 0}
     WHERE d.id = ${id}`);
  return rows[0];
}

export interface ItemRow extends Record<string, unknown> {
  position: number;
  note: string;
  post_id: number;
  kind: string;
  title: string;
  excerpt: string;
  created_at: string;
  author_id: number;
  author_first_name: string;
  author_last_name: string;
}

/** The dossier's live posts in order (a deleted or hidden post silently leaves the dossier's reading). */
export async function dossierItems(db: DbOrTx, dossierId: number): Promise<ItemRow[]> {
  const { rows } = await db.execute<ItemRow>(sql`
    SELECT di.position, di.note, p.id AS post_id, p.kind, p.title, p.excerpt, ${isoText('p.created_at')} AS created_at,
           u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name
      FROM dossier_items di
      JOIN posts p ON p.id = di.post_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
      JOIN users u ON u.id = p.author_id
     WHERE di.dossier_id = ${dossierId}
     ORDER BY di.position`);
  return rows;
}

export interface CandidateRow extends Record<string, unknown> {
  id: number;
  title: string;
  kind: string;
  created_at: string;
}

/** Posts of the community whose title contains `q` (accent- and case-insensitive), newest first. */
export async function candidates(db: DbOrTx, communityId: number, q: string, limit = 10): Promise<CandidateRow[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.execute<CandidateRow>(sql`
    SELECT p.id, p.title, p.kind, ${isoText('p.created_at')} AS created_at
      FROM posts p
     WHERE p.community_id = ${communityId} AND p.deleted_at IS NULL AND p.hidden_at IS NULL
       ${q ? sql`AND immutable_unaccent(lower(p.title)) LIKE immutable_unaccent(lower(${pattern}))` : sql``}
     ORDER BY p.created_at DESC, p.id DESC
     LIMIT ${limit}`);
  return rows;
}
