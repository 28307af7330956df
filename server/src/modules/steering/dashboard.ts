import { sql, type SQL } from 'drizzle-orm';
import { addMonths, monthRange } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/query.js';
import { named } from '../../lib/named-query.js';

/** The Paris-local instant a period bound given as a 'YYYY-MM-DD' first day stands for. */
const parisStart = (day: string): SQL => sql`(${day}::date::timestamp AT TIME ZONE ${parisZoneSql})`;

export interface Formats {
  kinds: { kind: string; count: number }[];
  attachments: { format: string; count: number }[];
  embeds: { provider: string; count: number }[];
}

/** Formats the member used in the month: post kinds, attachment formats, embedded media (one statement). */
export async function formatsUsed(db: DbOrTx, communityId: number, userId: number, month: string): Promise<Formats> {
  const { from, to } = monthRange(month);
  const [formats] = await named<Formats>(db, 'steering-formats', sql`
     WITH mine AS (
       SELECT id, kind FROM posts
        WHERE author_id = ${userId} AND created_at >= ${parisStart(from)} AND created_at < ${parisStart(to)}
          AND community_id = ${communityId} AND deleted_at IS NULL)
     SELECT
       (SELECT coalesce(json_agg(k ORDER BY k.count DESC, k.kind), '[]') FROM (
          SELECT kind, count(*)::int AS count FROM mine GROUP BY kind) k) AS kinds,
       (SELECT coalesce(json_agg(a ORDER BY a.count DESC, a.format), '[]') FROM (
          SELECT a.format, count(*)::int AS count FROM mine JOIN attachments a ON a.post_id = mine.id GROUP BY a.format) a) AS attachments,
       (SELECT coalesce(json_agg(e ORDER BY e.count DESC, e.provider), '[]') FROM (
          SELECT e.provider, count(*)::int AS count FROM mine JOIN post_embeds e ON e.post_id = mine.id GROUP BY e.provider) e) AS embeds`);
  return formats!;
}

export interface WaitingQuestion { postId: number; title: string; deadlineAt: string; hoursLeft: number }

/**
 * Open questions whose post is in view, soonest deadline first, and how many there are (one statement, both off
 * questions_pending_idx). The count is its own subquery: a `count(*) OVER ()` read the post of every open question
 * before the LIMIT, 6 ms for the 343 of the largest community at scale 10 (0.9 ms this way).
 */
export async function waitingQuestions(db: DbOrTx, communityId: number, limit = 10): Promise<{ total: number; items: WaitingQuestion[] }> {
  const rows = await named<Omit<WaitingQuestion, 'postId'> & { postId: number | null; total: number }>(db, 'steering-waiting-questions', sql`
    SELECT t.total, w."postId", w.title, w."deadlineAt", w."hoursLeft"
      FROM (SELECT count(*)::int AS total FROM questions q
             WHERE q.community_id = ${communityId} AND q.answered_at IS NULL AND q.post_in_view) t
      LEFT JOIN LATERAL (
        SELECT q.post_id::int AS "postId", p.title, to_char(q.deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "deadlineAt",
               floor(extract(epoch FROM q.deadline_at - now()) / 3600)::int AS "hoursLeft"
          FROM questions q JOIN posts p ON p.id = q.post_id
         WHERE q.community_id = ${communityId} AND q.answered_at IS NULL AND q.post_in_view
         ORDER BY q.deadline_at, q.post_id LIMIT ${limit}) w ON true`);
  const items = rows.flatMap(({ total: _total, postId, ...q }) => (postId === null ? [] : [{ postId, ...q }]));
  return { total: rows[0]?.total ?? 0, items };
}

/** Flags waiting for a decision in the community. */
export async function waitingFlags(db: DbOrTx, communityId: number): Promise<number> {
  const [flags] = await named<{ n: number }>(db, 'steering-waiting-flags', sql`
    SELECT count(*)::int AS n FROM flags WHERE community_id = ${communityId} AND status = 'pending'`);
  return flags!.n;
}

export interface MemberMonth { month: string; joined: number; total: number }
/**
 * Members who joined each of the 12 months ending with `month`, and the members at the end of each
 * month. Counted from current memberships: someone who left is no longer counted in past months.
 * The total at the end of a month is member_count (kept exact by the join/leave transactions) less
 * those who joined since, so only the window's joins are read, not every membership of a
 * 50,000-member community.
 */
export function memberGrowth(db: DbOrTx, communityId: number, month: string): Promise<MemberMonth[]> {
  const end = monthRange(month).to;
  const { from } = monthRange(addMonths(month, -11));
  return named<MemberMonth>(db, 'steering-member-growth', sql`
     WITH months AS (
       SELECT generate_series(${from}::date, (${end}::date - interval '1 month')::date, interval '1 month')::date AS m),
     joined AS (
       SELECT date_trunc('month', joined_at AT TIME ZONE ${parisZoneSql})::date AS m, count(*)::int AS n
         FROM memberships WHERE community_id = ${communityId} AND joined_at >= ${parisStart(from)} AND joined_at < ${parisStart(end)} GROUP BY 1),
     after AS (
       SELECT count(*)::int AS n FROM memberships WHERE community_id = ${communityId} AND joined_at >= ${parisStart(end)}),
     before AS (
       SELECT (SELECT member_count FROM communities WHERE id = ${communityId}) - (SELECT n FROM after) - coalesce((SELECT sum(n) FROM joined), 0) AS n)
     SELECT to_char(months.m, 'YYYY-MM') AS month, coalesce(joined.n, 0) AS joined,
            ((SELECT n FROM before) + sum(coalesce(joined.n, 0)) OVER (ORDER BY months.m))::int AS total
       FROM months LEFT JOIN joined ON joined.m = months.m ORDER BY months.m`);
}

export interface TopPost { postId: number; title: string; value: number }

/** Most read posts of the month (reads counted in post_views_daily, by Paris day). */
export function mostRead(db: DbOrTx, communityId: number, month: string, limit = 5): Promise<TopPost[]> {
  const { from, to } = monthRange(month);
  return rows<TopPost>(db, sql`
     SELECT v.post_id::int AS "postId", p.title, v.views::int AS value
       FROM (SELECT post_id, sum(views) AS views FROM post_views_daily
              WHERE community_id = ${communityId} AND day >= ${from}::date AND day < ${to}::date GROUP BY post_id) v
       JOIN posts p ON p.id = v.post_id
      WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
      ORDER BY v.views DESC, v.post_id DESC LIMIT ${limit}`);
}

/** Most useful posts published in the month ("utile" reactions). */
export function mostUseful(db: DbOrTx, communityId: number, month: string, limit = 5): Promise<TopPost[]> {
  const { from, to } = monthRange(month);
  return rows<TopPost>(db, sql`
     SELECT id::int AS "postId", title, useful_count AS value FROM posts
      WHERE community_id = ${communityId} AND created_at >= ${parisStart(from)} AND created_at < ${parisStart(to)}
        AND deleted_at IS NULL AND hidden_at IS NULL AND useful_count > 0
      ORDER BY useful_count DESC, id DESC LIMIT ${limit}`);
}

/**
 * « Ressources CNFPT » put forward in the month, by the animator and by the whole community (one
 * statement over posts_cnfpt_month_idx: the brief asks animators to promote them).
 */
export async function cnfptPromoted(db: DbOrTx, communityId: number, userId: number, month: string): Promise<{ animator: number; community: number }> {
  const { from, to } = monthRange(month);
  const [promoted] = await named<{ animator: number; community: number }>(db, 'steering-cnfpt-promoted', sql`
    SELECT count(*) FILTER (WHERE author_id = ${userId})::int AS animator, count(*)::int AS community FROM posts
     WHERE community_id = ${communityId} AND created_at >= ${parisStart(from)} AND created_at < ${parisStart(to)}
       AND cnfpt_type IS NOT NULL AND deleted_at IS NULL`);
  return promoted!;
}
