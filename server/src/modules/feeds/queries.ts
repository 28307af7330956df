import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { maybeOne, rows } from '../../db/query.js';

/** Entries per feed: readers poll often; older posts are on the site. */
export const FEED_SIZE = 30;

/** A post as a feed entry; timestamps as PostgreSQL writes them (db.execute leaves them text). */
export interface EntryRow {
  id: number; title: string; excerpt: string; body_html: string; created_at: string; edited_at: string | null; first_name: string; last_name: string;
}

/** Public posts only: live, not hidden by moderation. */
const PUBLIC_POST = sql`p.deleted_at IS NULL AND p.hidden_at IS NULL`;

/** Only content of open or archived communities, never a draft community. */
export function feedCommunity(db: DbOrTx, slug: string) {
  return maybeOne<{ id: number; slug: string; name: string; description: string; created_at: string }>(db, sql`
    SELECT id, slug, name, description, created_at FROM communities WHERE slug = ${slug} AND status IN ('open', 'archived')`);
}

export function communityEntries(db: DbOrTx, communityId: number): Promise<EntryRow[]> {
  return rows<EntryRow>(db, sql`
    SELECT p.id, p.title, p.excerpt, p.body_html, p.created_at, p.edited_at, u.first_name, u.last_name
    FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.community_id = ${communityId} AND ${PUBLIC_POST}
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${FEED_SIZE}`);
}

export function feedDossier(db: DbOrTx, id: number) {
  return maybeOne<{ id: number; title: string; intro_md: string; updated_at: string; slug: string; name: string }>(db, sql`
    SELECT d.id, d.title, d.intro_md, d.updated_at, c.slug, c.name FROM dossiers d JOIN communities c ON c.id = d.community_id
    WHERE d.id = ${id} AND c.status IN ('open', 'archived')`);
}

export function dossierEntries(db: DbOrTx, dossierId: number): Promise<EntryRow[]> {
  return rows<EntryRow>(db, sql`
    SELECT p.id, p.title, p.excerpt, p.body_html, p.created_at, p.edited_at, u.first_name, u.last_name
    FROM dossier_items di JOIN posts p ON p.id = di.post_id JOIN users u ON u.id = p.author_id
    WHERE di.dossier_id = ${dossierId} AND ${PUBLIC_POST}
    ORDER BY di.added_at DESC, p.id DESC LIMIT ${FEED_SIZE}`);
}

/** The member's newest posts across their communities (open or archived), FEED_SIZE rows per membership at most. */
export function memberEntries(db: DbOrTx, userId: number): Promise<EntryRow[]> {
  return rows<EntryRow>(db, sql`
    SELECT p.id, p.title, p.excerpt, p.body_html, p.created_at, p.edited_at, u.first_name, u.last_name
      FROM memberships m
      JOIN communities c ON c.id = m.community_id AND c.status IN ('open', 'archived')
      CROSS JOIN LATERAL (
        SELECT p.id, p.title, p.excerpt, p.body_html, p.created_at, p.edited_at, p.author_id FROM posts p
         WHERE p.community_id = m.community_id AND ${PUBLIC_POST}
         ORDER BY p.created_at DESC NULLS LAST, p.id DESC NULLS LAST LIMIT ${FEED_SIZE}) p
      JOIN users u ON u.id = p.author_id
     WHERE m.user_id = ${userId}
     ORDER BY p.created_at DESC NULLS LAST, p.id DESC NULLS LAST LIMIT ${FEED_SIZE}`);
}
