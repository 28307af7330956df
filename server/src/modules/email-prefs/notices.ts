import { sql } from 'drizzle-orm';
import type { MailJobContext } from './digests.js';
import { newPostMail } from '../mail/templates.js';
import { unsubscribeLinks } from './token.js';
import { replyAddress } from '../reply-mail/address.js';

type NewPost = { id: number; community_id: number; slug: string; name: string; title: string; excerpt: string; author_id: number; first_name: string; last_name: string }
type Claimed = { user_id: number; email: string }

const BATCH = 100;

/**
 * "Immédiatement": one message per new post to the members who chose it, run every minute.
 * Reads new posts after a cursor (the last post id handled); post_notices (post, member) is claimed
 * before each send, so a re-run never sends twice. Posts younger than a few seconds wait for the next
 * run, so a transaction committing late with a smaller id is not skipped.
 */
export async function runImmediateNotices(ctx: MailJobContext, now = new Date()): Promise<number> {
  // First run: start from the newest post, not from the whole history.
  await ctx.db.execute(sql`
    INSERT INTO email_cursors (name, last_id) SELECT 'immediate', coalesce(max(id), 0) FROM posts
    ON CONFLICT (name) DO NOTHING`);
  const cur = await ctx.db.execute<{ last_id: number }>(sql`SELECT last_id FROM email_cursors WHERE name = 'immediate'`);
  const after = Number(cur.rows[0]!.last_id);
  const posts = await ctx.db.execute<NewPost>(sql`
    SELECT p.id, p.community_id, c.slug, c.name, p.title, p.excerpt, p.author_id, u.first_name, u.last_name
    FROM posts p JOIN communities c ON c.id = p.community_id JOIN users u ON u.id = p.author_id
    WHERE p.id > ${after} AND p.created_at <= ${new Date(now.getTime() - 5000)}
      AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND c.status IN ('open', 'archived')
    ORDER BY p.id LIMIT ${BATCH}`);
  let mails = 0;
  for (const p of posts.rows) {
    const claimed = await ctx.db.execute<Claimed>(sql`
      WITH ins AS (
        INSERT INTO post_notices (post_id, user_id, status)
        SELECT ${p.id}, ep.user_id, 'sending' FROM email_preferences ep
        JOIN memberships m ON m.user_id = ep.user_id AND m.community_id = ep.community_id
        WHERE ep.community_id = ${p.community_id} AND ep.frequency = 'immediately' AND ep.user_id <> ${p.author_id}
        ON CONFLICT (post_id, user_id) DO NOTHING RETURNING user_id)
      SELECT ins.user_id, u.email FROM ins JOIN users u ON u.id = ins.user_id
      WHERE u.deleted_at IS NULL AND u.banned_at IS NULL AND u.email_verified_at IS NOT NULL`);
    for (const r of claimed.rows) {
      const mail = newPostMail(r.email, p.name, {
        title: p.title, authorName: `${p.first_name} ${p.last_name}`, excerpt: p.excerpt,
        url: `${ctx.config.publicUrl}/publications/${p.id}`,
        replyTo: replyAddress(ctx.config.replyMail, Number(p.id), Number(r.user_id)),
      }, unsubscribeLinks(ctx.config, Number(r.user_id), Number(p.community_id)));
      const status = await ctx.mailer.send(mail);
      await ctx.db.execute(sql`UPDATE post_notices SET status = ${status} WHERE post_id = ${p.id} AND user_id = ${r.user_id}`);
      if (status !== 'failed') mails += 1;
    }
    await ctx.db.execute(sql`UPDATE email_cursors SET last_id = greatest(last_id, ${p.id}), updated_at = now() WHERE name = 'immediate'`);
  }
  return mails;
}
