import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import { named, variant } from '../../lib/named-query.js';

/**
 * What each member has read and saved (tables post_reads, community_visits, bookmarks): recorded as pages are read
 * by SQL functions the posts module's statements call (migrations 0053, 0054), changed by the reading module's routes
 * (« Enregistrer », « Tout marquer comme lu »). A leaf below both.
 */

// The newest comment of the post, read backwards off comments_post_idx (post_id, created_at, id).
const NEWEST_COMMENT = sql.raw(`(SELECT k.id FROM comments k WHERE k.post_id = p.id ORDER BY k.created_at DESC, k.id DESC LIMIT 1)`);

// A member's reading of a post (where they stopped, now updated) is recorded by the SQL function record_post_read
// (migration 0054), called by the post page's one statement (posts/post-state.ts, findPostState).

export interface VisitRow extends Record<string, unknown> {
  previous_visit_at: string | null;
  new_posts: number;
}

// A member's visit of a community (when it started, the posts published since) is recorded by the SQL function
// record_community_visit (migration 0053), called by the community feed's one statement (posts/feed-statement.ts).

/**
 * « Tout marquer comme lu », in one community or (communityId null) in all of mine: the visit starts now, and
 * every post read before counts its comments as seen.
 */
export function markAllRead(db: Db, userId: number, communityId: number | null): Promise<void> {
  const scope = communityId === null ? sql`` : sql`AND m.community_id = ${communityId}`;
  const postScope = communityId === null ? sql`` : sql`AND p.community_id = ${communityId}`;
  // One transaction: the visits and the comments seen move together.
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO community_visits AS cv (user_id, community_id, visited_at, previous_visit_at)
      SELECT m.user_id, m.community_id, now(), now() FROM memberships m WHERE m.user_id = ${userId} ${scope}
      ON CONFLICT (user_id, community_id) DO UPDATE SET visited_at = now(), previous_visit_at = now()`);
    await tx.execute(sql`
      UPDATE post_reads r SET comments_seen = p.comment_count, last_comment_id = ${NEWEST_COMMENT}, read_at = now()
        FROM posts p
       WHERE r.user_id = ${userId} AND p.id = r.post_id AND r.comments_seen <> p.comment_count ${postScope}`);
  });
}

export async function setBookmark(db: DbOrTx, userId: number, postId: number, on: boolean): Promise<void> {
  if (on) await db.execute(sql`INSERT INTO bookmarks (user_id, post_id) VALUES (${userId}, ${postId}) ON CONFLICT DO NOTHING`);
  else await db.execute(sql`DELETE FROM bookmarks WHERE user_id = ${userId} AND post_id = ${postId}`);
}

export interface BookmarkRow extends Record<string, unknown> {
  id: number;
  created_at: string;
  saved_at: string;
}

/**
 * « Mes enregistrements », the most recently saved first (bookmarks_user_created_idx). Posts deleted, hidden or
 * no longer visible since are left out of the page but stay saved, in case they come back.
 */
export async function listBookmarks(db: DbOrTx, userId: number, cursor: PgKeyset | undefined, limit: number, admin: boolean): Promise<Record<string, unknown>[]> {
  const before = cursor ? sql`AND (b.created_at, b.post_id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  return named(db, variant('bookmarks-list', { cursor: !!cursor }), sql`
    SELECT p.id, p.kind, p.title, p.excerpt, ${isoText('p.created_at')} AS post_created_at, ${isoText('p.edited_at')} AS edited_at,
           p.comment_count, p.useful_count, p.tags, p.rubrique_id, rb.name AS rubrique_name,
           u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           ${isoText('b.created_at')} AS created_at
      FROM bookmarks b
      JOIN posts p ON p.id = b.post_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
      JOIN communities c ON c.id = p.community_id
      JOIN users u ON u.id = p.author_id
      LEFT JOIN rubriques rb ON rb.id = p.rubrique_id
      LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = ${userId}
     WHERE b.user_id = ${userId} ${before}
       AND (c.status <> 'draft' OR m.role = 'coordinator' OR ${admin}::boolean)
     ORDER BY b.created_at DESC, b.post_id DESC
     LIMIT ${limit + 1}`);
}
