import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import type { PostKind } from './service.js';
import { named, variant } from '../../lib/named-query.js';
import { batchPerHandle, TickBatch } from '../../lib/tick-batch.js';

/**
 * Read queries of the posts module. Each answers in ONE statement, with authors and
 * communities joined in, so no list ever costs a query per row.
 * Rows keep PostgreSQL's names; presenters.ts turns them into API shapes.
 */

export interface SummaryRow extends Record<string, unknown> {
  id: number;
  kind: PostKind;
  title: string;
  excerpt: string;
  created_at: string;
  edited_at: string | null;
  comment_count: number;
  useful_count: number;
  author_id: number;
  author_first_name: string;
  author_last_name: string;
  community_id: number;
  community_slug: string;
  community_name: string;
  tags: string[];
  rubrique_id: number | null;
  rubrique_name: string | null;
  cnfpt_type?: import('../../../../common/cnfpt.js').CnfptResourceType | null; cnfpt_url?: string | null; // posts module only
  /** Feeds of a signed-in reader (reading module): published since their last visit and never opened. */
  is_new?: boolean;
  /** Comments added since they last opened the post; null when they never did. */
  unread_comments?: number | null;
}

export interface PostRow extends SummaryRow {
  body_md: string;
  body_html: string;
  article_type: string | null;
  link_url: string | null;
  link_title: string | null;
  link_description: string | null;
  link_source: string | null;
  shared_post_id: number | null;
  /** The shared original, when it is still live in a visible community (partage only). */
  original: OriginalRow | null;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  useful_by_me: boolean;
  author_national_role: string | null;
  author_role: CommunityRole | null;
  /** Moderation (moderation module): hidden from readers, or edited on the author's behalf. */
  hidden_at?: string | null;
  hidden_reason?: string | null;
  moderated_at?: string | null;
}

export interface OriginalRow {
  id: number;
  kind: PostKind;
  title: string;
  excerpt: string;
  createdAt: string;
  community: { id: number; slug: string; name: string };
  author: { id: number; firstName: string; lastName: string };
}

export interface CommentRow extends Record<string, unknown> {
  id: number;
  post_id: number;
  reply_to_id: number | null;
  author_id: number;
  author_first_name: string;
  author_last_name: string;
  /** The author's ranks in the post's community, so staff are offered only what they may do (moderation policy). */
  author_national_role: string | null;
  author_role: CommunityRole | null;
  body_md: string;
  body_html: string;
  created_at: string;
  edited_at: string | null;
  deleted: boolean;
  hidden_at?: string | null;
  hidden_reason?: string | null;
  moderated_at?: string | null;
}

/** The comment plus what decides who may act on it: its post's community and my role there. */
export interface CommentContextRow extends CommentRow {
  community_id: number;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
}

export interface RevisionRow extends Record<string, unknown> {
  id: number;
  title: string;
  body_md: string;
  created_at: string;
  editor_id: number;
  editor_first_name: string;
  editor_last_name: string;
}

const SUMMARY_COLUMNS = sql`
  p.id, p.kind, p.title, p.excerpt, ${isoText('p.created_at')} AS created_at, ${isoText('p.edited_at')} AS edited_at,
  p.comment_count, p.useful_count,
  u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name,
  p.tags, p.rubrique_id, rb.name AS rubrique_name, p.cnfpt_type, CASE WHEN p.cnfpt_type IS NOT NULL THEN p.link_url END AS cnfpt_url`;

const RUBRIQUE_JOIN = sql`LEFT JOIN rubriques rb ON rb.id = p.rubrique_id`;

/**
 * A comment's columns; `communityId` is the community of its post, as the caller knows it: each author's role there is
 * then one primary-key probe of memberships per comment (a page of 50 comments of one post reads the post once).
 */
function commentColumns(communityId: SQL): SQL {
  return sql`
  k.id, k.post_id, k.reply_to_id, k.body_md, k.body_html,
  ${isoText('k.created_at')} AS created_at, ${isoText('k.edited_at')} AS edited_at, k.deleted_at IS NOT NULL AS deleted,
  ${isoText('k.hidden_at')} AS hidden_at, k.hidden_reason, ${isoText('k.moderated_at')} AS moderated_at,
  u.id AS author_id, u.first_name AS author_first_name, u.last_name AS author_last_name,
  u.national_role AS author_national_role,
  (SELECT am.role FROM memberships am WHERE am.community_id = ${communityId} AND am.user_id = k.author_id) AS author_role`;
}

/** A live (not deleted) post with its community, my role there and my reaction. */
export async function findPost(db: DbOrTx, id: number, user: CurrentUser | null): Promise<PostRow | undefined> {
  const rows = await named<PostRow>(db, 'post-by-id', postStatement(id, user?.id ?? null, sql``));
  return rows[0];
}

/**
 * A post and its first `limit` comments in ONE statement: what a post page's cache miss reads (posts/page-cache.ts).
 * Two statements cost each process a socket write and a wake-up more, which was more than reading the comments. The
 * comments come as JSON: every column is text, a number or a boolean already, so they read as listComments' rows.
 */
export async function findPostPage(db: DbOrTx, id: number, user: CurrentUser | null, limit: number): Promise<{ post: PostRow; comments: CommentRow[] } | undefined> {
  const rows = await named<PostRow & { first_comments: CommentRow[] }>(db, 'post-page', postStatement(id, user?.id ?? null, sql`,
    (SELECT coalesce(json_agg(to_json(f) ORDER BY f.created_at, f.id), '[]') FROM (
       SELECT ${commentColumns(sql`p.community_id`)}
         FROM comments k JOIN users u ON u.id = k.author_id
        WHERE k.post_id = p.id
        ORDER BY k.created_at, k.id
        LIMIT ${limit}) f) AS first_comments`));
  const row = rows[0];
  if (!row) return undefined;
  const { first_comments: comments, ...post } = row;
  return { post, comments };
}

/** The post statement of findPost, with `extra` columns after its own. */
function postStatement(id: number, me: number | null, extra: SQL): SQL {
  return sql`
    SELECT ${SUMMARY_COLUMNS}, p.body_md, p.body_html,
           ${isoText('p.hidden_at')} AS hidden_at, p.hidden_reason, ${isoText('p.moderated_at')} AS moderated_at,
           p.article_type, p.link_url, p.link_title, p.link_description, p.link_source, p.shared_post_id,
           CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object(
             'id', o.id, 'kind', o.kind, 'title', o.title, 'excerpt', o.excerpt, 'createdAt', ${isoText('o.created_at')},
             'community', json_build_object('id', oc.id, 'slug', oc.slug, 'name', oc.name),
             'author', json_build_object('id', ou.id, 'firstName', ou.first_name, 'lastName', ou.last_name)) END AS original,
           c.id AS community_id, c.slug AS community_slug, c.name AS community_name, c.status AS community_status,
           m.role AS my_role, u.national_role AS author_national_role,
           (SELECT am.role FROM memberships am WHERE am.community_id = p.community_id AND am.user_id = p.author_id) AS author_role,
           EXISTS (SELECT 1 FROM post_reactions r WHERE r.post_id = p.id AND r.user_id = ${me}) AS useful_by_me ${extra}
      FROM posts p
      JOIN communities c ON c.id = p.community_id
      JOIN users u ON u.id = p.author_id
      ${RUBRIQUE_JOIN}
      LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = ${me}
      LEFT JOIN posts o ON o.id = p.shared_post_id AND o.deleted_at IS NULL AND o.hidden_at IS NULL
      LEFT JOIN communities oc ON oc.id = o.community_id AND oc.status <> 'draft'
      LEFT JOIN users ou ON ou.id = o.author_id AND oc.id IS NOT NULL
     WHERE p.id = ${id} AND p.deleted_at IS NULL`;
}

// The columns are NOT NULL, but ORDER BY must spell "NULLS LAST" like the index drizzle-kit
// generated (DESC NULLS LAST), or PostgreSQL sorts every post of the community instead of
// reading the first rows off the index.
function before(cursor: PgKeyset | undefined): SQL {
  return cursor ? sql`AND (p.created_at, p.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
}

// One post_reads primary-key lookup per row of the page (reading module).
const UNREAD_COMMENTS = sql.raw(`CASE WHEN r.post_id IS NULL THEN NULL ELSE greatest(p.comment_count - r.comments_seen, 0) END AS unread_comments`);

export interface FeedFilters {
  kind?: PostKind;
  rubriqueId?: number;
  tag?: string;
}

/**
 * One community's live posts, newest first, optionally of one kind, rubrique or tag
 * (served by posts_community_feed_idx, posts_community_kind_feed_idx, posts_rubrique_feed_idx, posts_tags_idx).
 * The same rows for every reader: the feed page cache keeps them, and each reader's marks are overlaid after.
 */
export async function communityFeed(
  db: DbOrTx,
  community: { id: number; slug: string; name: string },
  cursor: PgKeyset | undefined,
  limit: number,
  filters: FeedFilters = {},
): Promise<SummaryRow[]> {
  const kind = filters.kind ? sql`AND p.kind = ${filters.kind}` : sql``;
  const rubrique = filters.rubriqueId ? sql`AND p.rubrique_id = ${filters.rubriqueId}` : sql``;
  const tag = filters.tag ? sql`AND p.tags @> ARRAY[${filters.tag}]::text[]` : sql``;
  const name = variant('community-feed', { kind: !!filters.kind, rubrique: !!filters.rubriqueId, tag: !!filters.tag, cursor: !!cursor });
  return named<SummaryRow>(db, name, sql`
    SELECT ${SUMMARY_COLUMNS},
           ${community.id}::bigint AS community_id, ${community.slug}::text AS community_slug, ${community.name}::text AS community_name
      FROM posts p
      JOIN users u ON u.id = p.author_id
      ${RUBRIQUE_JOIN}
     WHERE p.community_id = ${community.id} AND p.deleted_at IS NULL AND p.hidden_at IS NULL ${kind} ${rubrique} ${tag} ${before(cursor)}
     ORDER BY p.created_at DESC NULLS LAST, p.id DESC NULLS LAST
     LIMIT ${limit + 1}`);
}

/** What a shared feed page shows live: a post's counters and what this reader has seen of it. */
export interface LivePartsRow extends Record<string, unknown> {
  id: number;
  comment_count: number;
  useful_count: number;
  /** Comments seen when the reader last opened the post; null when they never did (or are anonymous). */
  comments_seen: number | null;
}

/** [id, comment_count, useful_count, comments_seen]: a post's live parts in compact JSON, built by PostgreSQL. */
export type LiveTuple = [number, number, number, number | null];

/**
 * The live parts of the posts of a feed page (posts and post_reads primary keys), as a JSON array of LiveTuple:
 * counters change with every comment and « utile », too often for the page's version to follow them without making
 * every write of a community wait on its row. A subquery, so that the feeds' statements embed it (one round trip);
 * `where` narrows it further (the posts still in the community asked for).
 */
export function livePartsJson(postIds: SQL, readerId: SQL | number | null, where: SQL = sql``): SQL<LiveTuple[]> {
  return sql<LiveTuple[]>`(
    SELECT coalesce(json_agg(json_build_array(p.id, p.comment_count, p.useful_count, r.comments_seen)), '[]')
      FROM posts p
      LEFT JOIN post_reads r ON r.user_id = ${readerId}::bigint AND r.post_id = p.id
     WHERE p.id = ANY(${postIds}::bigint[]) ${where})`;
}

export const fromLiveTuples = (live: LiveTuple[]): LivePartsRow[] =>
  live.map(([id, comment_count, useful_count, comments_seen]) => ({ id, comment_count, useful_count, comments_seen }));

/** The live parts alone: for a page this instance did not hold when its request's statement was sent. */
export async function feedLiveParts(db: DbOrTx, postIds: number[], readerId: number | null): Promise<LivePartsRow[]> {
  if (postIds.length === 0) return [];
  const rows = await named<{ live: LiveTuple[] }>(db, 'feed-live-parts', sql`SELECT ${livePartsJson(sql`${sql.param(postIds)}`, readerId)} AS live`);
  return fromLiveTuples(rows[0]!.live);
}

/** A community of mine as « mon fil » merges it: its feed version and where my previous visit started. */
export interface MyCommunityRow extends Record<string, unknown> {
  id: number;
  slug: string;
  name: string;
  feed_version: number;
  previous_visit_at: string | null;
}

/**
 * « Mon fil »'s first page in one statement: the communities whose posts it shows me (memberships_user_idx,
 * communities and community_visits keys) and the live parts of the posts
 * the caller expects to show, merged from the pages it holds (posts and post_reads primary keys).
 */
export async function myFeedRequest(db: DbOrTx, user: CurrentUser, postIds: number[]): Promise<MyFeedRequestRow> {
  // Every key gets its row: unnest yields one per key.
  return (await myFeedBatch(db).load({ userId: user.id, admin: user.nationalRole === 'admin', ids: postIds }))!;
}

interface MyFeedKey { userId: number; admin: boolean; ids: number[] }
interface MyFeedRequestRow { mine: MyCommunityRow[]; live: LivePartsRow[] }

// The requests of one turn of the event loop on one handle are read by one statement (TickBatch).
const myFeedBatch = batchPerHandle((db: DbOrTx) => new TickBatch<MyFeedKey, MyFeedRequestRow>(
  (keys) => myFeedRequests(db, keys), (k) => `${k.userId}|${k.admin}|${k.ids.join(',')}`));

async function myFeedRequests(db: DbOrTx, keys: MyFeedKey[]): Promise<MyFeedRequestRow[]> {
  const column = <T>(pick: (k: MyFeedKey) => T) => sql.param(keys.map(pick));
  const rows = await named<{ i: number; mine: MyCommunityRow[]; live: LiveTuple[] }>(db, 'my-feed-requests', sql`
    SELECT q.i::int AS i,
           (SELECT coalesce(json_agg(json_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'feed_version', c.feed_version,
                                                      'previous_visit_at', ${isoText('cv.previous_visit_at')})), '[]')
              FROM memberships m
              JOIN communities c ON c.id = m.community_id
              LEFT JOIN community_visits cv ON cv.user_id = m.user_id AND cv.community_id = m.community_id
             WHERE m.user_id = q.user_id
               AND (c.status <> 'draft' OR m.role = 'coordinator' OR q.admin)) AS mine,
           ${livePartsJson(sql`q.ids::bigint[]`, sql`q.user_id`)} AS live
      FROM unnest(${column((k) => k.userId)}::bigint[], ${column((k) => k.admin)}::boolean[], ${column((k) => `{${k.ids.join(',')}}`)}::text[])
           WITH ORDINALITY AS q(user_id, admin, ids, i)`);
  const answers = new Array<MyFeedRequestRow>(keys.length);
  for (const { i, mine, live } of rows) answers[i - 1] = { mine, live: fromLiveTuples(live) };
  return answers;
}

/**
 * "My feed" after a cursor (its first page is merged from the cached community pages): the newest posts across my communities. Each membership contributes at most
 * limit+1 rows read straight off the feed index, then the pieces are merged, so the cost
 * depends on the number of communities I belong to, never on the number of posts.
 */
export async function myFeed(db: DbOrTx, user: CurrentUser, cursor: PgKeyset | undefined, limit: number): Promise<SummaryRow[]> {
  const admin = user.nationalRole === 'admin';
  return named<SummaryRow>(db, variant('my-feed', { cursor: !!cursor }), sql`
    SELECT ${SUMMARY_COLUMNS}, c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           coalesce(p.created_at > cv.previous_visit_at AND p.author_id <> m.user_id AND r.post_id IS NULL, false) AS is_new,
           ${UNREAD_COMMENTS}
      FROM memberships m
      JOIN communities c ON c.id = m.community_id
      CROSS JOIN LATERAL (
        SELECT p.id, p.kind, p.author_id, p.title, p.excerpt, p.created_at, p.edited_at, p.comment_count, p.useful_count,
               p.tags, p.rubrique_id, p.cnfpt_type, p.link_url
          FROM posts p
         WHERE p.community_id = m.community_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL ${before(cursor)}
         ORDER BY p.created_at DESC NULLS LAST, p.id DESC NULLS LAST
         LIMIT ${limit + 1}
      ) p
      JOIN users u ON u.id = p.author_id
      ${RUBRIQUE_JOIN}
      LEFT JOIN community_visits cv ON cv.user_id = m.user_id AND cv.community_id = m.community_id
      LEFT JOIN post_reads r ON r.user_id = m.user_id AND r.post_id = p.id
     WHERE m.user_id = ${user.id}
       AND (c.status <> 'draft' OR m.role = 'coordinator' OR ${admin}::boolean)
     ORDER BY p.created_at DESC NULLS LAST, p.id DESC NULLS LAST
     LIMIT ${limit + 1}`);
}

export async function listRevisions(db: DbOrTx, postId: number): Promise<RevisionRow[]> {
  const { rows } = await db.execute<RevisionRow>(sql`
    SELECT r.id, r.title, r.body_md, ${isoText('r.created_at')} AS created_at,
           u.id AS editor_id, u.first_name AS editor_first_name, u.last_name AS editor_last_name
      FROM post_revisions r
      JOIN users u ON u.id = r.edited_by
     WHERE r.post_id = ${postId}
     ORDER BY r.created_at DESC, r.id DESC`);
  return rows;
}

/** A post's comments, oldest first, deleted ones included so that replies keep their context. */
export async function listComments(db: DbOrTx, postId: number, cursor: PgKeyset | undefined, limit: number): Promise<CommentRow[]> {
  const after = cursor ? sql`AND (k.created_at, k.id) > (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  return named<CommentRow>(db, variant('comments-page', { cursor: !!cursor }), sql`
    SELECT ${commentColumns(sql`(SELECT community_id FROM posts WHERE id = ${postId})`)}
      FROM comments k
      JOIN users u ON u.id = k.author_id
     WHERE k.post_id = ${postId} ${after}
     ORDER BY k.created_at, k.id
     LIMIT ${limit + 1}`);
}

/** A comment of a live post, with what its abilities depend on. */
export async function findComment(db: DbOrTx, id: number, user: CurrentUser | null): Promise<CommentContextRow | undefined> {
  const me = user?.id ?? null;
  const { rows } = await db.execute<CommentContextRow>(sql`
    SELECT ${commentColumns(sql`p.community_id`)}, c.id AS community_id, c.status AS community_status, m.role AS my_role
      FROM comments k
      JOIN users u ON u.id = k.author_id
      JOIN posts p ON p.id = k.post_id AND p.deleted_at IS NULL
      JOIN communities c ON c.id = p.community_id
      LEFT JOIN memberships m ON m.community_id = p.community_id AND m.user_id = ${me}
     WHERE k.id = ${id}`);
  return rows[0];
}
