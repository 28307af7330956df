import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { App } from '../../types.js';
import { AppError } from '../../lib/errors.js';
import { eraseMore } from './deletion-more.js';

/**
 * The name every deleted member's row carries. Presenters across the app read authors' names from
 * users.first_name / last_name through their JOINs, so blanking the row to these values shows
 * "Membre supprimé" everywhere without touching each query.
 */
export const DELETED_FIRST_NAME = 'Membre';
export const DELETED_LAST_NAME = 'supprimé';

/** Unique (keeps users_email_key) and non-routable (.invalid is reserved, RFC 2606): frees the real address. */
const placeholderEmail = (userId: number) => `membre-supprime-${userId}@supprime.invalid`;

/** Soft-deletes the member's posts and comments and erases their text, keeping every counter exact. */
async function eraseContent(tx: Tx, userId: number): Promise<void> {
  await tx.execute(sql`
    WITH gone AS (
      UPDATE posts SET deleted_at = now(), deleted_by = ${userId}
       WHERE author_id = ${userId} AND deleted_at IS NULL RETURNING community_id)
    UPDATE communities c SET post_count = c.post_count - g.n
      FROM (SELECT community_id, count(*)::int AS n FROM gone GROUP BY community_id) g WHERE c.id = g.community_id`);
  await tx.execute(sql`
    WITH gone AS (
      UPDATE comments SET deleted_at = now(), deleted_by = ${userId}
       WHERE author_id = ${userId} AND deleted_at IS NULL RETURNING post_id)
    UPDATE posts p SET comment_count = p.comment_count - g.n
      FROM (SELECT post_id, count(*)::int AS n FROM gone GROUP BY post_id) g WHERE p.id = g.post_id`);
  // Text, including what moderators had already removed, and the history of each post.
  await tx.execute(sql`
    UPDATE posts SET title = 'Publication supprimée', body_md = '', body_html = '', excerpt = '', tags = '{}', hidden_reason = NULL,
                     link_url = NULL, link_title = NULL, link_description = NULL, link_source = NULL
     WHERE author_id = ${userId}`);
  await tx.execute(sql`UPDATE comments SET body_md = '', body_html = '', hidden_reason = NULL WHERE author_id = ${userId}`);
  await tx.execute(sql`DELETE FROM post_revisions r USING posts p WHERE r.post_id = p.id AND p.author_id = ${userId}`);
  await tx.execute(sql`DELETE FROM post_embeds e USING posts p WHERE e.post_id = p.id AND p.author_id = ${userId}`);
  await tx.execute(sql`DELETE FROM attachments a USING posts p WHERE a.post_id = p.id AND p.author_id = ${userId}`);
}

/**
 * Deletes the member's account in one transaction. Their posts and comments stay, signed "Membre supprimé",
 * unless deleteContent; everything else about them is erased. The users row itself stays (posts point to it),
 * stripped of every personal field.
 */
export async function deleteAccount(app: App, userId: number, deleteContent: boolean): Promise<void> {
  await app.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ email: string }>(sql`
      SELECT email FROM users WHERE id = ${userId} AND deleted_at IS NULL FOR UPDATE`);
    const user = rows[0];
    if (!user) throw new AppError('USER_NOT_FOUND');
    const email = user.email.trim().toLowerCase();

    if (deleteContent) await eraseContent(tx, userId);
    await tx.execute(sql`
      WITH gone AS (DELETE FROM memberships WHERE user_id = ${userId} RETURNING community_id)
      UPDATE communities c SET member_count = c.member_count - 1 FROM gone WHERE c.id = gone.community_id`);
    await tx.execute(sql`
      WITH gone AS (DELETE FROM post_reactions WHERE user_id = ${userId} RETURNING post_id)
      UPDATE posts p SET useful_count = p.useful_count - 1 FROM gone WHERE p.id = gone.post_id`);
    // Choices go with their vote (ON DELETE CASCADE).
    await tx.execute(sql`DELETE FROM poll_votes WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM attachments WHERE uploader_id = ${userId} AND post_id IS NULL`);
    await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM known_devices WHERE user_id = ${userId}`);
    // Answers kept for Idempotency-Key retries (24 h) repeat the person's words and name.
    await tx.execute(sql`DELETE FROM idempotency_keys WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM email_tokens WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM cgu_acceptances WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM mail_outbox WHERE lower(to_address) = ${email}`);
    // Mails not sent yet (events/dispatcher.ts): the account they were for is gone.
    await tx.execute(sql`DELETE FROM domain_events WHERE lower(payload #>> '{mail,to}') = ${email}`);
    // Limit keys end with the subject: u<id> when signed in, the lowered address for per-address limits.
    await tx.execute(sql`
      DELETE FROM rate_limits WHERE right(key, ${`:u${userId}`.length}) = ${`:u${userId}`}
                                 OR right(key, ${email.length + 1}) = ${`:${email}`}`);
    // Pending flags go; handled ones stay in the moderation figures, without the reporter's words
    // (the reporter is now the anonymous row). The audit log is append-only and names no one but by id: kept.
    await tx.execute(sql`DELETE FROM flags WHERE reporter_id = ${userId} AND status = 'pending'`);
    await tx.execute(sql`UPDATE flags SET comment = '' WHERE reporter_id = ${userId}`);
    await tx.execute(sql`DELETE FROM community_suspensions WHERE user_id = ${userId}`);
    await eraseMore(tx, userId, email, deleteContent);

    await tx.execute(sql`
      UPDATE users SET email = ${placeholderEmail(userId)}, password_hash = '!', first_name = ${DELETED_FIRST_NAME},
                       last_name = ${DELETED_LAST_NAME}, employer = '', job = '', departement = '', bio = '',
                       national_role = NULL, email_verified_at = NULL, banned_reason = NULL,
                       feed_token_hash = NULL, feed_token_created_at = NULL, updated_at = now(), deleted_at = now()
       WHERE id = ${userId}`);
  });
}
