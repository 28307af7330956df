import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import { named, variant } from '../../lib/named-query.js';
import type { CurrentUser } from '../../types.js';
import { readableSql } from '../search/queries.js';

/**
 * Read queries of the questions module, one statement each. Pending lists read the partial index
 * questions_pending_idx (community_id, deadline_at, post_id) WHERE answered_at IS NULL AND post_in_view.
 */

export interface QuestionRow extends Record<string, unknown> {
  post_id: number;
  community_id: number;
  asker_id: number;
  asked_at: string;
  deadline_at: string;
  first_response_at: string | null;
  answered_at: string | null;
  answer_comment_id: number | null;
  solution_comment_id: number | null;
  answered_by_id: number | null;
  answered_by_first_name: string | null;
  answered_by_last_name: string | null;
  overdue: boolean;
}

/** A question of a live post (visibility is checked by the caller through the post). */
export async function findQuestion(db: DbOrTx, postId: number): Promise<QuestionRow | undefined> {
  const { rows } = await db.execute<QuestionRow>(sql`
    SELECT q.post_id, q.community_id, q.asker_id,
           ${isoText('q.asked_at')} AS asked_at, ${isoText('q.deadline_at')} AS deadline_at,
           ${isoText('q.first_response_at')} AS first_response_at, ${isoText('q.answered_at')} AS answered_at,
           q.answer_comment_id, q.solution_comment_id,
           u.id AS answered_by_id, u.first_name AS answered_by_first_name, u.last_name AS answered_by_last_name,
           (q.answered_at IS NULL AND q.deadline_at < now()) OR q.answered_at > q.deadline_at AS overdue
      FROM questions q
      JOIN posts p ON p.id = q.post_id AND p.deleted_at IS NULL
      LEFT JOIN users u ON u.id = q.answered_by
     WHERE q.post_id = ${postId}`);
  return rows[0];
}

export interface PendingRow extends Record<string, unknown> {
  id: number;
  /** The keyset: deadline, lossless. */
  created_at: string;
  asked_at: string;
  title: string;
  comment_count: number;
  author_id: number;
  author_first_name: string;
  author_last_name: string;
  community_id: number;
  community_slug: string;
  community_name: string;
}

const PENDING_COLUMNS = sql`
  q.post_id AS id, ${isoText('q.deadline_at')} AS created_at, ${isoText('q.asked_at')} AS asked_at,
  p.title, p.comment_count, u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name`;

function after(cursor: PgKeyset | undefined): SQL {
  return cursor ? sql`AND (q.deadline_at, q.post_id) > (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
}

/** A community's open questions, least time left first. */
export async function communityPending(
  db: DbOrTx,
  community: { id: number; slug: string; name: string },
  cursor: PgKeyset | undefined,
  limit: number,
): Promise<PendingRow[]> {
  // Named (planned once per connection): animators keep this page open and come back to it.
  return named<PendingRow>(db, variant('questions-pending', { cursor: !!cursor }), sql`
    SELECT ${PENDING_COLUMNS},
           ${community.id}::bigint AS community_id, ${community.slug}::text AS community_slug, ${community.name}::text AS community_name
      FROM questions q
      JOIN posts p ON p.id = q.post_id
      JOIN users u ON u.id = p.author_id
     WHERE q.community_id = ${community.id} AND q.answered_at IS NULL AND q.post_in_view ${after(cursor)}
     ORDER BY q.deadline_at, q.post_id
     LIMIT ${limit + 1}`);
}

/**
 * The communities whose questions a user handles: where they are animator or coordinator
 * (every community for the national admin). Drafts only for those who may see them.
 */
function staffCommunities(user: CurrentUser): SQL {
  return user.nationalRole === 'admin'
    ? sql`SELECT c.id, c.slug, c.name FROM communities c`
    : sql`SELECT c.id, c.slug, c.name FROM memberships m JOIN communities c ON c.id = m.community_id
           WHERE m.user_id = ${user.id} AND (m.role = 'coordinator' OR (m.role = 'animator' AND c.status <> 'draft'))`;
}

/** Open questions across every community I handle, least time left first; each contributes at most limit+1 rows. */
export async function myPending(db: DbOrTx, user: CurrentUser, cursor: PgKeyset | undefined, limit: number): Promise<PendingRow[]> {
  const { rows } = await db.execute<PendingRow>(sql`
    SELECT ${PENDING_COLUMNS}, s.id AS community_id, s.slug AS community_slug, s.name AS community_name
      FROM (${staffCommunities(user)}) s
      CROSS JOIN LATERAL (
        SELECT q.post_id, q.deadline_at, q.asked_at
          FROM questions q JOIN posts p ON p.id = q.post_id
         WHERE q.community_id = s.id AND q.answered_at IS NULL AND q.post_in_view ${after(cursor)}
         ORDER BY q.deadline_at, q.post_id
         LIMIT ${limit + 1}
      ) q
      JOIN posts p ON p.id = q.post_id
      JOIN users u ON u.id = p.author_id
     ORDER BY q.deadline_at, q.post_id
     LIMIT ${limit + 1}`);
  return rows;
}

/** How many open questions whose post is in view, and how many of them overdue (read off the partial index alone). */
export async function pendingCounts(db: DbOrTx, scope: { communityId: number } | { user: CurrentUser }): Promise<{ open: number; overdue: number }> {
  const community = 'communityId' in scope;
  const where = community
    ? sql`q.community_id = ${scope.communityId}`
    : sql`q.community_id IN (SELECT id FROM (${staffCommunities(scope.user)}) s)`;
  const name = community ? 'questions-pending-counts' : variant('questions-pending-counts:mine', { admin: scope.user.nationalRole === 'admin' });
  const rows = await named<{ open: number; overdue: number }>(db, name, sql`
    SELECT count(*)::int AS open, (count(*) FILTER (WHERE q.deadline_at < now()))::int AS overdue
      FROM questions q
     WHERE ${where} AND q.answered_at IS NULL AND q.post_in_view`);
  return rows[0] ?? { open: 0, overdue: 0 };
}

export interface SuggestRow extends Record<string, unknown> {
  id: number;
  title: string;
  kind: string;
  created_at: string;
  community_slug: string;
  community_name: string;
}

/**
 * Titles containing the typed text (accents and case ignored), best matches first. With `related`, the
 * readable communities related to this one count too (an animator citing a neighbour's answer or resource).
 */
export async function suggestPosts(
  db: DbOrTx, communityId: number, q: string, limit: number, related?: { user: CurrentUser | null },
): Promise<SuggestRow[]> {
  const needle = q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  // The pattern is an expression of the parameter only, so the planner may use posts_title_trgm.
  const typed = sql`immutable_unaccent(${needle}::text)`;
  const title = sql`immutable_unaccent(lower(p.title))`;
  const scope = related
    ? sql`p.community_id IN (SELECT r.id FROM (${readableSql(related.user)}) r
                              WHERE r.id = ${communityId} OR r.id IN (SELECT related_id FROM community_relations WHERE community_id = ${communityId}))`
    : sql`p.community_id = ${communityId}`;
  const { rows } = await db.execute<SuggestRow>(sql`
    SELECT p.id, p.title, p.kind::text AS kind, ${isoText('p.created_at')} AS created_at, c.slug AS community_slug, c.name AS community_name
      FROM posts p JOIN communities c ON c.id = p.community_id
     WHERE ${scope} AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND ${title} LIKE '%' || ${typed} || '%'
     ORDER BY (p.community_id = ${communityId}) DESC, ${title} LIKE ${typed} || '%' DESC, similarity(${title}, ${typed}) DESC, p.created_at DESC, p.id DESC
     LIMIT ${limit}`);
  return rows;
}
