import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { excerpt, renderMarkdown } from '../../lib/markdown.js';
import { NO_KIND_FIELDS, type KindFields } from './kinds.js';
import { assertEditAllowed, commentGuard, type GuardRow, type WriteGuard } from '../trust/service.js';
import { suspendedError } from '../sanctions/suspensions.js';
import { emit } from '../../events/bus.js';
import { named, namedText } from '../../lib/named-query.js';
import { assertUnderLimit, counterUpsert, type RateHit } from '../../lib/rate-limit.js';
import { isoText } from '../../lib/cursor.js';
import { discardDraftCte } from '../drafts/queries.js';

/**
 * Writes of the posts module. Each runs in one transaction together with the counters it
 * keeps (communities.post_count, posts.comment_count, posts.useful_count), so counts stay
 * exact without ever counting rows. Authorization is decided by the caller (routes + policy).
 */

function rendered(body: string) {
  return { html: renderMarkdown(body), excerpt: excerpt(body) };
}

export type PostKind = 'discussion' | 'question' | 'article' | 'veille' | 'ressource' | 'evenement' | 'sondage' | 'partage';

export interface NewPost {
  title: string;
  body: string;
  /** Defaults to a discussion. Kinds with their own table (events, polls, questions) insert it in the same tx. */
  kind?: PostKind;
  /** Kind-specific columns (article type, link, shared post, rubrique, tags), checked by kinds.ts. */
  fields?: Partial<KindFields>;
  /** The author's draft this post publishes, discarded with it (drafts module). */
  draftPlace?: string;
}

/**
 * Inserts a post and bumps its community's count inside the caller's transaction, so a kind's
 * own module can write its table (events, polls...) in the same transaction as the post.
 */
export async function insertPost(tx: DbOrTx, communityId: number, authorId: number, input: NewPost, guard?: WriteGuard): Promise<number> {
  const { html, excerpt: text } = rendered(input.body);
  const f = { ...NO_KIND_FIELDS, ...input.fields };
  // One statement (each round trip of a write holds its transaction open): the author's guard when the caller gives
  // one (trust module), then, unless it stopped the post or the member is suspended by moderation from this
  // community until the end date, the post inserted and the community's count moved.
  const { rows } = await tx.execute<Partial<GuardRow> & { id: number | null; suspended_until: string | null }>(sql`
    WITH ${guard ? sql`${guard.ctes},` : sql``}
    suspended AS (
      SELECT until FROM community_suspensions WHERE community_id = ${communityId} AND user_id = ${authorId} AND until > now()),
    inserted AS (
      INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt,
                         article_type, link_url, link_title, link_description, link_source, cnfpt_type, shared_post_id, rubrique_id, tags)
      SELECT ${communityId}::bigint, ${authorId}::bigint, ${input.kind ?? 'discussion'}::post_kind, ${input.title.trim()}, ${input.body}, ${html}, ${text},
             ${f.articleType}::article_type, ${f.linkUrl}, ${f.linkTitle}, ${f.linkDescription}, ${f.linkSource}, ${f.cnfptType}, ${f.sharedPostId}::bigint, ${f.rubriqueId}::bigint,
             ${sql`ARRAY[${sql.join(f.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`}
       WHERE NOT EXISTS (SELECT 1 FROM suspended) ${guard ? sql`AND (SELECT passed FROM write_guard)` : sql``}
      RETURNING id),
    counted AS (UPDATE communities SET post_count = post_count + 1 WHERE id = ${communityId} AND EXISTS (SELECT 1 FROM inserted)),
    ${discardDraftCte(authorId, input.draftPlace ?? null, 'inserted')}
    SELECT (SELECT id FROM inserted) AS id, (SELECT ${isoText('until')} FROM suspended) AS suspended_until
           ${guard ? sql`, g.rate_count, g.retry, g.copies FROM write_guard g` : sql``}`);
  const row = rows[0]!;
  // The guard's refusals first (its suspension column is empty: the insert checks it), as when it ran on its own.
  if (guard) await guard.assert(tx, { rate_count: row.rate_count!, retry: row.retry!, copies: row.copies ?? null, suspended_until: null });
  if (row.suspended_until) throw suspendedError(new Date(row.suspended_until));
  // In this transaction: a question's deadline (questions), followers, mentions, animators (notifications).
  await emit(tx, { type: 'post.published', postId: row.id!, authorId, kind: input.kind ?? 'discussion', body: input.body });
  return row.id!;
}

export async function createPost(db: Db, communityId: number, authorId: number, input: NewPost): Promise<number> {
  return db.transaction((tx) => insertPost(tx, communityId, authorId, input));
}

/** Replaces title and/or body, keeping the previous version in post_revisions. */
export async function editPost(db: Db, postId: number, editorId: number, input: { title?: string; body?: string }): Promise<void> {
  const rendering = input.body === undefined ? undefined : rendered(input.body);
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ title: string; body_md: string; author_id: number; community_id: number; kind: PostKind }>(sql`
      SELECT title, body_md, author_id, community_id, kind FROM posts WHERE id = ${postId} AND deleted_at IS NULL FOR UPDATE`);
    const current = rows[0];
    if (!current) throw new AppError('POST_NOT_FOUND');
    const title = input.title?.trim() ?? current.title;
    const body = input.body ?? current.body_md;
    // Saving without a change is not an edit: no revision, no "modifié" mark.
    if (title === current.title && body === current.body_md) return;
    // The author's edit meets the trust limits of a new post (trust module).
    if (editorId === current.author_id) {
      const post = { kind: 'post' as const, authorId: current.author_id, communityId: current.community_id, postKind: current.kind };
      await assertEditAllowed(tx, { ...post, title: current.title, body: current.body_md }, { ...post, title, body });
    }
    await tx.execute(sql`
      INSERT INTO post_revisions (post_id, title, body_md, edited_by)
      VALUES (${postId}, ${current.title}, ${current.body_md}, ${editorId})`);
    await tx.execute(sql`
      UPDATE posts SET title = ${title}, edited_at = now()
        ${rendering ? sql`, body_md = ${body}, body_html = ${rendering.html}, excerpt = ${rendering.excerpt}` : sql``}
       WHERE id = ${postId}`);
  });
}

/** Soft delete: who and when are recorded; the post leaves feeds and the community's count. */
export async function deletePost(db: Db, postId: number, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ community_id: number }>(sql`
      UPDATE posts SET deleted_at = now(), deleted_by = ${userId}
       WHERE id = ${postId} AND deleted_at IS NULL
       RETURNING community_id`);
    const row = rows[0];
    if (!row) throw new AppError('POST_NOT_FOUND');
    await tx.execute(sql`UPDATE communities SET post_count = post_count - 1 WHERE id = ${row.community_id}`);
  });
}

/** What the caller needs to present a new comment without reading it back. */
export interface WrittenComment {
  id: number;
  createdAt: string;
  html: string;
}

/**
 * Writes a comment, its post's counter and what other modules attach to it, in one transaction of
 * few round trips: one statement that guards it (rate limit, suspension, duplicate: trust module), bumps the counter
 * and inserts the comment, then its event (notifications, questions' answers).
 * `post.kind` comes from the post the route already loaded, so the questions handler skips the others without a read.
 */
export async function createComment(
  db: Db,
  post: { id: number; kind: PostKind },
  authorId: number,
  input: { body: string; replyToId?: number | null; draftPlace?: string },
  rate: RateHit,
): Promise<WrittenComment> {
  const postId = post.id;
  const replyToId = input.replyToId ?? null;
  const html = renderMarkdown(input.body);
  const guard = commentGuard(rate, { kind: 'comment', authorId, postId, body: input.body });
  return db.transaction(async (tx) => {
    // One statement guards and writes: the guard's counts (trust module), then, only if it passed and the replied-to
    // comment belongs to this post, the counter's bump (which locks the post: a concurrent delete cannot slip in
    // between, and the insert only happens when the post is still live), the comment and the draft's removal.
    const rows = await named<GuardRow & { reply_ok: boolean; id: number | null; created_at: string | null }>(tx, 'comment-write', sql`
      WITH ${guard.ctes},
      reply_target AS (
        SELECT ${replyToId}::bigint IS NULL OR EXISTS (SELECT 1 FROM comments WHERE id = ${replyToId}::bigint AND post_id = ${postId}) AS ok),
      commented AS (
        UPDATE posts SET comment_count = comment_count + 1
         WHERE id = ${postId} AND deleted_at IS NULL AND (SELECT passed FROM write_guard) AND (SELECT ok FROM reply_target)
        RETURNING id),
      written AS (
        INSERT INTO comments (post_id, author_id, reply_to_id, body_md, body_html)
        SELECT id, ${authorId}, ${replyToId}::bigint, ${input.body}, ${html} FROM commented
        RETURNING id, created_at),
      ${discardDraftCte(authorId, input.draftPlace ?? null, 'written')}
      SELECT g.rate_count, g.retry, g.copies, ${isoText('g.suspended_until')} AS suspended_until, r.ok AS reply_ok,
             w.id, ${isoText('w.created_at')} AS created_at
        FROM write_guard g CROSS JOIN reply_target r LEFT JOIN written w ON true`);
    const row = rows[0]!;
    await guard.assert(tx, row);
    if (!row.reply_ok) {
      throw new AppError('VALIDATION_FAILED', undefined, { replyToId: 'Le commentaire auquel vous répondez n’appartient pas à cette publication.' });
    }
    if (row.id === null || row.created_at === null) throw new AppError('POST_NOT_FOUND');
    // In this transaction: the notifications of the post's author, the replied-to and the mentioned
    // (notifications), a question's answer times (questions).
    await emit(tx, { type: 'comment.created', commentId: row.id, postId, postKind: post.kind, authorId, replyToId, body: input.body });
    return { id: row.id, createdAt: row.created_at, html };
  });
}

/** Only its author edits a comment (posts policy); the edit meets the trust limits of a new comment. */
export async function editComment(db: Db, commentId: number, body: string): Promise<void> {
  const html = renderMarkdown(body);
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ post_id: number; author_id: number; body_md: string }>(sql`
      SELECT post_id, author_id, body_md FROM comments WHERE id = ${commentId} AND deleted_at IS NULL FOR UPDATE`);
    const current = rows[0];
    if (!current) throw new AppError('COMMENT_NOT_FOUND');
    const comment = { kind: 'comment' as const, authorId: current.author_id, postId: current.post_id };
    await assertEditAllowed(tx, { ...comment, body: current.body_md }, { ...comment, body });
    await tx.execute(sql`UPDATE comments SET body_md = ${body}, body_html = ${html}, edited_at = now() WHERE id = ${commentId}`);
  });
}

/** Soft delete: the comment keeps its place in the thread; the post's count drops. */
export async function deleteComment(db: Db, commentId: number, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ post_id: number }>(sql`
      UPDATE comments SET deleted_at = now(), deleted_by = ${userId}
       WHERE id = ${commentId} AND deleted_at IS NULL
       RETURNING post_id`);
    const row = rows[0];
    if (!row) throw new AppError('COMMENT_NOT_FOUND');
    await tx.execute(sql`UPDATE posts SET comment_count = comment_count - 1 WHERE id = ${row.post_id}`);
  });
}

// setUseful's statement: $1–$3 the rate hit (key, window, max), $4 the post, $5 the member, $6 the counter's move.
const USEFUL_SQL = (change: string) => `
  WITH hit AS (${counterUpsert('$1', '$2')}),
  changed AS (${change}),
  counted AS (
    UPDATE posts SET useful_count = useful_count + $6 WHERE id = $4 AND EXISTS (SELECT 1 FROM changed) RETURNING useful_count)
  SELECT h.count AS rate_count, h.retry,
         coalesce((SELECT useful_count FROM counted), (SELECT useful_count FROM posts WHERE id = $4)) AS useful_count
    FROM hit h`;
const MARK_USEFUL_SQL = USEFUL_SQL(`
    INSERT INTO post_reactions (post_id, user_id) SELECT $4, $5 WHERE (SELECT count FROM hit) <= $3::float8
    ON CONFLICT DO NOTHING RETURNING post_id`);
const UNMARK_USEFUL_SQL = USEFUL_SQL(`
    DELETE FROM post_reactions WHERE post_id = $4 AND user_id = $5 AND (SELECT count FROM hit) <= $3::float8 RETURNING post_id`);

/**
 * Sets or removes my "utile" mark. Idempotent: the counter moves only when a row actually
 * appeared or disappeared, and the primary key keeps one mark per member.
 * One statement, so one commit: the member's reaction budget (`rate`) is counted, the mark written and the counter
 * moved together (data-modifying CTEs run once each, in order of need). Over the budget, the hit is counted and
 * nothing else changes: RATE_LIMITED. (Was six round trips and two commits: the route's own rate-limit hit, then a
 * transaction.)
 */
export async function setUseful(db: Db, postId: number, userId: number, useful: boolean, rate: RateHit): Promise<number> {
  const [row] = await namedText<{ rate_count: number; retry: number; useful_count: number }>(
    db, useful ? 'useful-mark' : 'useful-unmark', useful ? MARK_USEFUL_SQL : UNMARK_USEFUL_SQL,
    [rate.key, rate.windowSeconds, rate.max, postId, userId, useful ? 1 : -1]);
  assertUnderLimit(rate, row!.rate_count, row!.retry);
  return row!.useful_count;
}
