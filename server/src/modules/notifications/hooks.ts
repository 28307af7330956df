import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { named, variant } from '../../lib/named-query.js';
import { onDutyFor } from '../roster/on-duty.js';
import { groupMentionRoles } from '../posts/mentions.js';
import { USER_HANDLE } from './mentions.js';

/**
 * Notifications written in the transaction of the change that causes them, each hook ONE
 * statement (no extra read, no round trip per recipient). `pg_notify` inside the transaction is
 * delivered at commit, so a listener never wakes for a notification it cannot yet read.
 */

/** Mention syntax: `@prenom-nom`, lower case without accents, words joined by hyphens (e.g. @marie-dupont). */
const MENTION = /(?:^|[^\p{L}\p{N}_@-])@([a-z0-9]+(?:-[a-z0-9]+)+)/gu;
const MAX_MENTIONS = 20;

export function mentionHandles(body: string): string[] {
  const handles = new Set<string>();
  for (const m of body.matchAll(MENTION)) {
    handles.add(m[1]!);
    if (handles.size >= MAX_MENTIONS) break;
  }
  return [...handles];
}

/** The handle of a person, as the SQL side computes it (see mentionHandles). */
const userHandle = USER_HANDLE;

/** Whom a text mentions: people by handle, teams by role (`@animation`, `@coordination`: mentions.ts). */
function mentioned(body: string): { handles: string[]; roles: string[]; any: boolean } {
  const handles = mentionHandles(body);
  const roles = groupMentionRoles(body);
  return { handles, roles, any: handles.length > 0 || roles.length > 0 };
}

/** A member is mentioned by their handle or by their team's; the statement text is the same for both. */
function mentionMatch(m: { handles: string[]; roles: string[] }) {
  return sql`(${userHandle} = ANY(${handlesArray(m.handles)}) OR m.role::text = ANY(${sql.param(m.roles)}::text[]))`;
}

// One parameter whatever the number of handles: the statement text stays fixed, so it can be named.
function handlesArray(handles: string[]) {
  return sql`${sql.param(handles)}::text[]`;
}

/**
 * After a comment: its post's author (reply, or answer when the post is a question), the author of
 * the comment it replies to, and the members it mentions. One notification per person, most specific
 * kind first; never to the commenter.
 * In the comment's transaction (handler of `comment.created`), one statement; the mention branch makes a
 * separate prepared statement (a boolean parameter gating the branch made PostgreSQL re-plan it on every comment).
 */
export async function notifyCommentCreated(
  tx: DbOrTx, c: { commentId: number; postId: number; authorId: number; replyToId: number | null; body: string },
): Promise<void> {
  const who = mentioned(c.body);
  const mentions = !who.any ? sql`` : sql`
      UNION ALL
      SELECT u.id, 'mention', 3 FROM commented p
        JOIN memberships m ON m.community_id = p.community_id
        JOIN users u ON u.id = m.user_id
       WHERE ${mentionMatch(who)}`;
  await named(tx, variant('comment-notify', { mentions: who.any }), sql`
    WITH commented AS (SELECT id, community_id, author_id, kind, title FROM posts WHERE id = ${c.postId}),
    comment_targets AS (
      SELECT (SELECT author_id FROM comments WHERE id = ${c.replyToId}::bigint) AS user_id, 'reply_comment' AS kind, 1 AS rank
      UNION ALL
      SELECT author_id, CASE WHEN kind = 'question' THEN 'answer' ELSE 'reply_post' END, 2 FROM commented
      ${mentions}),
    comment_picked AS (
      SELECT DISTINCT ON (user_id) user_id, kind FROM comment_targets
       WHERE user_id IS NOT NULL AND user_id <> ${c.authorId} ORDER BY user_id, rank),
    comment_notifications AS (
      INSERT INTO notifications (user_id, kind, actor_id, community_id, post_id, comment_id, data)
      SELECT t.user_id, t.kind, ${c.authorId}, p.community_id, p.id, ${c.commentId}::bigint, jsonb_build_object('title', p.title)
        FROM comment_picked t CROSS JOIN commented p
      RETURNING user_id)
    SELECT pg_notify('notifications', user_id::text) FROM comment_notifications`);
}

/**
 * After a post: the outbox event for followers (fanned out by a job, never in the request), the
 * members it mentions and, for a question, the animator on duty this week, or the community's
 * animators and coordinators when nobody is (see roster/on-duty.ts).
 */
export async function notifyPostPublished(tx: DbOrTx, p: { postId: number; authorId: number; body: string }): Promise<void> {
  const who = mentioned(p.body);
  await tx.execute(sql`
    WITH p AS (SELECT id, community_id, author_id, kind, title FROM posts WHERE id = ${p.postId}),
    ev AS (
      INSERT INTO notification_events (kind, actor_id, community_id, post_id, data)
      SELECT 'new_post', author_id, community_id, id, jsonb_build_object('title', title) FROM p
       WHERE EXISTS (SELECT 1 FROM community_follows f WHERE f.community_id = p.community_id)
      RETURNING id),
    duty AS (${onDutyFor(sql`(SELECT community_id FROM p)`, sql`(SELECT author_id FROM p)`)}),
    targets AS (
      SELECT m.user_id, 'new_question' AS kind, 1 AS rank FROM p
        JOIN memberships m ON m.community_id = p.community_id AND m.role IN ('animator', 'coordinator')
       WHERE p.kind = 'question' AND (NOT EXISTS (SELECT 1 FROM duty) OR m.user_id IN (SELECT user_id FROM duty))
      UNION ALL
      SELECT u.id, 'mention', 2 FROM p
        JOIN memberships m ON m.community_id = p.community_id
        JOIN users u ON u.id = m.user_id
       WHERE ${who.any} AND ${mentionMatch(who)}),
    picked AS (
      SELECT DISTINCT ON (user_id) user_id, kind FROM targets WHERE user_id <> ${p.authorId} ORDER BY user_id, rank),
    ins AS (
      INSERT INTO notifications (user_id, kind, actor_id, community_id, post_id, data)
      SELECT picked.user_id, picked.kind, ${p.authorId}, p.community_id, p.id, jsonb_build_object('title', p.title)
        FROM picked CROSS JOIN p
      RETURNING user_id)
    SELECT pg_notify('notifications', user_id::text) FROM ins
    UNION ALL SELECT pg_notify('notification_events', id::text) FROM ev`);
}

/** A moderation decision about someone's content, told to its author (not when they moderate themselves). */
export async function notifyModerationDecision(
  tx: DbOrTx,
  d: { userId: number; actorId: number; communityId: number; postId: number; commentId: number | null; action: string; title: string },
): Promise<void> {
  if (d.userId === d.actorId) return;
  await tx.execute(sql`
    WITH ins AS (
      INSERT INTO notifications (user_id, kind, actor_id, community_id, post_id, comment_id, data)
      VALUES (${d.userId}, 'moderation', ${d.actorId}, ${d.communityId}, ${d.postId}, ${d.commentId},
              jsonb_build_object('title', ${d.title}::text, 'action', ${d.action}::text))
      RETURNING user_id)
    SELECT pg_notify('notifications', user_id::text) FROM ins`);
}

/** A new flag, told to the animator on duty, else to the community's animators and coordinators (not to the flagger). */
export async function notifyFlagRaised(db: DbOrTx, flagId: number): Promise<void> {
  await db.execute(sql`
    WITH f AS (
      SELECT f.community_id, f.reporter_id, f.comment_id,
             coalesce(f.post_id, (SELECT post_id FROM comments WHERE id = f.comment_id)) AS post_id
        FROM flags f WHERE f.id = ${flagId}),
    duty AS (${onDutyFor(sql`(SELECT community_id FROM f)`, sql`(SELECT reporter_id FROM f)`)}),
    ins AS (
      INSERT INTO notifications (user_id, kind, community_id, post_id, comment_id, data)
      SELECT m.user_id, 'new_flag', f.community_id, f.post_id, f.comment_id, jsonb_build_object('title', p.title)
        FROM f JOIN posts p ON p.id = f.post_id
        JOIN memberships m ON m.community_id = f.community_id AND m.role IN ('animator', 'coordinator')
       WHERE m.user_id <> f.reporter_id AND (NOT EXISTS (SELECT 1 FROM duty) OR m.user_id IN (SELECT user_id FROM duty))
      RETURNING user_id)
    SELECT pg_notify('notifications', user_id::text) FROM ins`);
}
