import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { computeDeadline, DEFAULT_RULE, type DeadlineRule } from '../../../../common/time/index.js';

/**
 * Writes of the questions module. The posts service calls the two hooks inside the transaction
 * that writes the post or the comment, so a question's state never lags behind its thread.
 *
 * What counts as "answered" (and therefore the "time to first response" of the figures):
 * the first reply by an animator, a coordinator or the national admin, or the comment the asker
 * accepts as the solution, whichever was WRITTEN first. The time is the comment's creation time,
 * not the moment the asker clicked: a member's good answer given on day 1 and accepted on day 5
 * was an answer within the deadline. Replies by the asker never count.
 * first_response_at separately records the first reply by anyone but the asker.
 */

export async function deadlineRule(db: DbOrTx, communityId: number): Promise<DeadlineRule> {
  const { rows } = await db.execute<{ deadline_days: number; deadline_mode: DeadlineRule['mode'] }>(sql`
    SELECT deadline_days, deadline_mode FROM question_settings WHERE community_id = ${communityId}`);
  const row = rows[0];
  return row ? { days: row.deadline_days, mode: row.deadline_mode } : DEFAULT_RULE;
}

export async function saveDeadlineRule(db: Db, communityId: number, rule: DeadlineRule): Promise<void> {
  await db.execute(sql`
    INSERT INTO question_settings (community_id, deadline_days, deadline_mode) VALUES (${communityId}, ${rule.days}, ${rule.mode})
    ON CONFLICT (community_id) DO UPDATE
      SET deadline_days = EXCLUDED.deadline_days, deadline_mode = EXCLUDED.deadline_mode, updated_at = now()`);
}

/** Hook: a post of kind 'question' was just inserted in this transaction. */
export async function onQuestionPosted(tx: DbOrTx, postId: number): Promise<void> {
  const { rows } = await tx.execute<{ community_id: number; author_id: number; created_at: Date | string }>(sql`
    SELECT community_id, author_id, created_at FROM posts WHERE id = ${postId}`);
  const post = rows[0];
  if (!post) return;
  const askedAt = new Date(post.created_at);
  const deadline = computeDeadline(askedAt, await deadlineRule(tx, post.community_id));
  await tx.execute(sql`
    INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at)
    SELECT id, community_id, author_id, created_at, ${deadline.toISOString()}::timestamptz FROM posts WHERE id = ${postId}
    ON CONFLICT (post_id) DO NOTHING`);
}

interface CommentFacts extends Record<string, unknown> {
  author_id: number;
  created_at: string;
  asker_id: number;
  staff: boolean;
}

/** The comment, its question (locked) and whether its author is staff of the question's community. */
async function commentFacts(tx: DbOrTx, commentId: number, postId: number): Promise<CommentFacts | undefined> {
  const { rows } = await tx.execute<CommentFacts>(sql`
    SELECT k.author_id, k.created_at::text AS created_at, q.asker_id,
           (u.national_role = 'admin' OR m.role IN ('animator', 'coordinator')) IS TRUE AS staff
      FROM (SELECT * FROM questions WHERE post_id = ${postId} FOR UPDATE) q
      JOIN comments k ON k.id = ${commentId} AND k.post_id = q.post_id
      JOIN users u ON u.id = k.author_id
      LEFT JOIN memberships m ON m.community_id = q.community_id AND m.user_id = k.author_id`);
  return rows[0];
}

/** Hook: a comment was just inserted on post `postId` in this transaction (a no-op unless it is a question). */
export async function onCommentPosted(tx: DbOrTx, commentId: number, postId: number): Promise<void> {
  const facts = await commentFacts(tx, commentId, postId);
  if (!facts || facts.author_id === facts.asker_id) return;
  await tx.execute(sql`
    UPDATE questions SET
      first_response_at = COALESCE(first_response_at, ${facts.created_at}::timestamptz),
      first_responder_id = COALESCE(first_responder_id, ${facts.author_id}::bigint)
     WHERE post_id = ${postId}`);
  if (!facts.staff) return;
  await tx.execute(sql`
    UPDATE questions SET answered_at = ${facts.created_at}::timestamptz, answered_by = ${facts.author_id},
           answered_by_staff = true, answer_comment_id = ${commentId}
     WHERE post_id = ${postId} AND answered_at IS NULL`);
}

/**
 * The asker accepts a comment as the solution (or changes their mind for another one).
 * The answer time becomes the earliest of the current answer and the accepted comment.
 */
export async function markSolution(db: Db, postId: number, commentId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      SELECT k.id FROM comments k WHERE k.id = ${commentId} AND k.post_id = ${postId} AND k.deleted_at IS NULL`);
    if (!rows[0]) {
      throw new AppError('SOLUTION_NOT_IN_QUESTION', undefined, { commentId: 'Choisissez un commentaire de cette question.' });
    }
    const facts = await commentFacts(tx, commentId, postId);
    if (!facts) throw new AppError('QUESTION_NOT_FOUND');
    await tx.execute(sql`
      UPDATE questions SET solution_comment_id = ${commentId},
             answered_at = CASE WHEN answered_at IS NULL OR answered_at > ${facts.created_at}::timestamptz
                                THEN ${facts.created_at}::timestamptz ELSE answered_at END,
             answered_by_staff = CASE WHEN answered_at IS NULL OR answered_at > ${facts.created_at}::timestamptz
                                THEN ${facts.staff} ELSE answered_by_staff END,
             answered_by = CASE WHEN answered_at IS NULL OR answered_at > ${facts.created_at}::timestamptz
                                THEN ${facts.author_id}::bigint ELSE answered_by END,
             answer_comment_id = CASE WHEN answered_at IS NULL OR answered_at > ${facts.created_at}::timestamptz
                                THEN ${commentId}::bigint ELSE answer_comment_id END
       WHERE post_id = ${postId}`);
  });
}
