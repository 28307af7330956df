import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { Mailer } from '../mail/service.js';
import { digestMail, type DigestSection } from '../mail/templates.js';
import { replyAddress } from '../reply-mail/address.js';
import { unsubscribeLinks } from './token.js';
import { parisToday } from '../../../../common/time/index.js';

export interface MailJobContext {
  db: Db;
  mailer: Mailer;
  /** `replyMail`: reply addresses in the mails about one post (absent: none). */
  config: Pick<Config, 'publicUrl' | 'secret'> & Partial<Pick<Config, 'replyMail'>>;
  log: (msg: string) => void;
}

export type DigestFrequency = 'daily' | 'weekly';

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 };
/** Posts listed per community; the rest is counted ("et N autres"). */
const POSTS_PER_COMMUNITY = 10;
const SEND_CONCURRENCY = 10;

/** The Paris calendar day of `now`, or the Monday of its week: the key that makes a re-run a no-op. */
export function periodKey(frequency: DigestFrequency, now: Date): string {
  const day = parisToday(now);
  if (frequency === 'daily') return day;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

type Claimed = { user_id: number; email: string; first_name: string; window_start: Date; window_end: Date }
type DigestRow = {
  user_id: number; community_id: number; slug: string; name: string;
  post_id: number; title: string; excerpt: string; first_name: string; last_name: string; total: number;
}

/**
 * Builds and sends every member's digest for the period containing `now`, by batches of users (keyset on id).
 * Each member's row in digest_deliveries is claimed before sending ('sending'), so a re-run, a second worker
 * or a retry never sends twice; only 'failed' rows are claimed again. Throws when some sends failed, so the
 * job is retried (with backoff) for those members only.
 */
export async function runDigest(ctx: MailJobContext, frequency: DigestFrequency, now = new Date(), batchSize = 500): Promise<{ sent: number; failed: number }> {
  const key = periodKey(frequency, now);
  const defaultStart = new Date(now.getTime() - PERIOD_MS[frequency]);
  let cursor = 0;
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await ctx.db.execute<{ id: number }>(sql`
      SELECT u.id FROM users u
      WHERE u.id > ${cursor} AND u.deleted_at IS NULL AND u.banned_at IS NULL AND u.email_verified_at IS NOT NULL
        -- A scalar subquery, not EXISTS: it stays a per-row probe along the primary key, where a semi-join
        -- would aggregate every membership of the network at each batch.
        AND coalesce((
          SELECT true FROM memberships m
          JOIN communities c ON c.id = m.community_id AND c.status IN ('open', 'archived')
          LEFT JOIN email_preferences ep ON ep.user_id = m.user_id AND ep.community_id = m.community_id
          WHERE m.user_id = u.id AND coalesce(ep.frequency, 'weekly') = ${frequency} LIMIT 1), false)
        -- Already handled this period (a re-run): skipped here, by a primary-key probe.
        AND NOT coalesce((
          SELECT true FROM digest_deliveries d
          WHERE d.user_id = u.id AND d.frequency = ${frequency} AND d.period_key = ${key} AND d.status <> 'failed'), false)
      ORDER BY u.id LIMIT ${batchSize}`);
    if (batch.rows.length === 0) break;
    const ids = batch.rows.map((r) => Number(r.id));
    cursor = ids[ids.length - 1]!;

    // The claim: new rows for this period, or rows whose send failed. Concurrent runs get disjoint sets.
    const claimed = await ctx.db.execute<Claimed>(sql`
      WITH ins AS (
        INSERT INTO digest_deliveries (user_id, frequency, period_key, window_start, window_end, status)
        SELECT u.id, ${frequency}, ${key},
          coalesce((SELECT max(d.window_end) FROM digest_deliveries d
                    WHERE d.user_id = u.id AND d.frequency = ${frequency} AND d.status IN ('sent', 'empty')), ${defaultStart}),
          ${now}, 'sending'
        FROM unnest(${`{${ids.join(',')}}`}::bigint[]) AS u(id)
        ON CONFLICT (user_id, frequency, period_key) DO UPDATE SET status = 'sending', updated_at = now()
          WHERE digest_deliveries.status = 'failed'
        RETURNING user_id, window_start, window_end)
      SELECT ins.user_id, ins.window_start, ins.window_end, u.email, u.first_name FROM ins JOIN users u ON u.id = ins.user_id`);
    if (claimed.rows.length === 0) continue;

    const users = claimed.rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
    const posts = await ctx.db.execute<DigestRow>(sql`
      WITH cl AS (
        SELECT * FROM unnest(${`{${users.map((u) => u.user_id).join(',')}}`}::bigint[],
                             ${`{${users.map((u) => new Date(u.window_start).toISOString()).join(',')}}`}::timestamptz[],
                             ${`{${users.map((u) => new Date(u.window_end).toISOString()).join(',')}}`}::timestamptz[]) AS t(user_id, ws, we))
      SELECT cl.user_id, c.id AS community_id, c.slug, c.name, p.id AS post_id, p.title, p.excerpt, p.total,
             au.first_name, au.last_name
      FROM cl
      JOIN memberships m ON m.user_id = cl.user_id
      JOIN communities c ON c.id = m.community_id AND c.status IN ('open', 'archived')
      LEFT JOIN email_preferences ep ON ep.user_id = m.user_id AND ep.community_id = m.community_id
      CROSS JOIN LATERAL (
        SELECT p.id, p.title, p.excerpt, p.author_id, p.created_at, count(*) OVER () AS total
        FROM posts p
        WHERE p.community_id = c.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
          AND p.created_at >= cl.ws AND p.created_at < cl.we AND p.author_id <> cl.user_id
        ORDER BY p.created_at DESC, p.id DESC LIMIT ${POSTS_PER_COMMUNITY}) p
      JOIN users au ON au.id = p.author_id
      WHERE coalesce(ep.frequency, 'weekly') = ${frequency}
      ORDER BY cl.user_id, c.name, c.id, p.created_at DESC, p.id DESC`);

    const byUser = new Map<number, Map<number, DigestSection>>();
    for (const r of posts.rows) {
      const userId = Number(r.user_id);
      const communityId = Number(r.community_id);
      const sections = byUser.get(userId) ?? new Map<number, DigestSection>();
      byUser.set(userId, sections);
      let s = sections.get(communityId);
      if (!s) {
        s = { communityName: r.name, communityUrl: `${ctx.config.publicUrl}/communautes/${r.slug}`, posts: [], more: Number(r.total),
          unsubscribe: unsubscribeLinks(ctx.config, userId, communityId) };
        sections.set(communityId, s);
      }
      s.posts.push({ title: r.title, authorName: `${r.first_name} ${r.last_name}`, excerpt: r.excerpt, url: `${ctx.config.publicUrl}/publications/${r.post_id}`,
        replyTo: replyAddress(ctx.config.replyMail, Number(r.post_id), userId) });
      s.more = Number(r.total) - s.posts.length;
    }

    const results: { userId: number; status: 'sent' | 'failed' | 'empty'; count: number }[] = [];
    const queue = [...users];
    const workers = Array.from({ length: SEND_CONCURRENCY }, async () => {
      for (let u = queue.shift(); u; u = queue.shift()) {
        const sections = [...(byUser.get(u.user_id)?.values() ?? [])];
        let status: 'sent' | 'failed' | 'empty' = 'empty';
        if (sections.length > 0) {
          const result = await ctx.mailer.send(digestMail(u.email, u.first_name, frequency, sections, `${ctx.config.publicUrl}/preferences`));
          status = result === 'failed' ? 'failed' : 'sent';
        }
        results.push({ userId: u.user_id, status, count: sections.reduce((n, s) => n + s.posts.length + s.more, 0) });
      }
    });
    await Promise.all(workers);
    sent += results.filter((r) => r.status === 'sent').length;
    failed += results.filter((r) => r.status === 'failed').length;
    // One statement for the batch: the mailer has already recorded each message.
    await ctx.db.execute(sql`
      UPDATE digest_deliveries d SET status = r.status, post_count = r.count, updated_at = now()
      FROM unnest(${`{${results.map((r) => r.userId).join(',')}}`}::bigint[], ${`{${results.map((r) => r.status).join(',')}}`}::text[],
                  ${`{${results.map((r) => r.count).join(',')}}`}::bigint[]) AS r(user_id, status, count)
      WHERE d.user_id = r.user_id AND d.frequency = ${frequency} AND d.period_key = ${key}`);
  }
  if (sent + failed > 0) ctx.log(`résumé ${frequency} ${key} : ${sent} envoyé(s), ${failed} échec(s).`);
  if (failed > 0) throw new Error(`${failed} résumé(s) non envoyé(s) : nouvelle tentative plus tard.`);
  return { sent, failed };
}
