import type { Pool } from 'pg';
import { addMonths, monthRange, PARIS_SQL } from '../../../../common/time/index.js';

/** Paris-local bounds of a period given as 'YYYY-MM-DD' first days ($2, $3). */
const PERIOD = `($2::date::timestamp AT TIME ZONE ${PARIS_SQL})`;
const PERIOD_END = `($3::date::timestamp AT TIME ZONE ${PARIS_SQL})`;

export interface Formats {
  kinds: { kind: string; count: number }[];
  attachments: { format: string; count: number }[];
  embeds: { provider: string; count: number }[];
}

/** Formats the member used in the month: post kinds, attachment formats, embedded media (one statement). */
export async function formatsUsed(pool: Pool, communityId: number, userId: number, month: string): Promise<Formats> {
  const { from, to } = monthRange(month);
  const { rows } = await pool.query<Formats>({
    name: 'steering-formats',
    text: `WITH mine AS (
       SELECT id, kind FROM posts
        WHERE author_id = $4 AND created_at >= ${PERIOD} AND created_at < ${PERIOD_END}
          AND community_id = $1 AND deleted_at IS NULL)
     SELECT
       (SELECT coalesce(json_agg(k ORDER BY k.count DESC, k.kind), '[]') FROM (
          SELECT kind, count(*)::int AS count FROM mine GROUP BY kind) k) AS kinds,
       (SELECT coalesce(json_agg(a ORDER BY a.count DESC, a.format), '[]') FROM (
          SELECT a.format, count(*)::int AS count FROM mine JOIN attachments a ON a.post_id = mine.id GROUP BY a.format) a) AS attachments,
       (SELECT coalesce(json_agg(e ORDER BY e.count DESC, e.provider), '[]') FROM (
          SELECT e.provider, count(*)::int AS count FROM mine JOIN post_embeds e ON e.post_id = mine.id GROUP BY e.provider) e) AS embeds`,
    values: [communityId, from, to, userId],
  });
  return rows[0]!;
}

export interface WaitingQuestion { postId: number; title: string; deadlineAt: string; hoursLeft: number }

/** Open questions, soonest deadline first (questions_pending_idx), and how many there are (one statement). */
export async function waitingQuestions(pool: Pool, communityId: number, limit = 10): Promise<{ total: number; items: WaitingQuestion[] }> {
  const { rows } = await pool.query<WaitingQuestion & { total: number }>({
    name: 'steering-waiting-questions',
    text: `SELECT q.post_id::int AS "postId", p.title, to_char(q.deadline_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "deadlineAt",
              floor(extract(epoch FROM q.deadline_at - now()) / 3600)::int AS "hoursLeft", count(*) OVER ()::int AS total
         FROM questions q JOIN posts p ON p.id = q.post_id
        WHERE q.community_id = $1 AND q.answered_at IS NULL AND p.deleted_at IS NULL
        ORDER BY q.deadline_at, q.post_id LIMIT $2`,
    values: [communityId, limit],
  });
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...q }) => q) };
}

/** Flags waiting for a decision in the community. */
export async function waitingFlags(pool: Pool, communityId: number): Promise<number> {
  const res = await pool.query<{ n: number }>({
    name: 'steering-waiting-flags',
    text: `SELECT count(*)::int AS n FROM flags WHERE community_id = $1 AND status = 'pending'`,
    values: [communityId],
  });
  return res.rows[0]!.n;
}

export interface MemberMonth { month: string; joined: number; total: number }
/**
 * Members who joined each of the 12 months ending with `month`, and the members at the end of each
 * month. Counted from current memberships: someone who left is no longer counted in past months.
 * The total at the end of a month is member_count (kept exact by the join/leave transactions) less
 * those who joined since, so only the window's joins are read, not every membership of a
 * 50,000-member community.
 */
export async function memberGrowth(pool: Pool, communityId: number, month: string): Promise<MemberMonth[]> {
  const end = monthRange(month).to;
  const { from } = monthRange(addMonths(month, -11));
  const { rows } = await pool.query<MemberMonth>({
    name: 'steering-member-growth',
    text: `WITH months AS (
       SELECT generate_series($2::date, ($3::date - interval '1 month')::date, interval '1 month')::date AS m),
     joined AS (
       SELECT date_trunc('month', joined_at AT TIME ZONE ${PARIS_SQL})::date AS m, count(*)::int AS n
         FROM memberships WHERE community_id = $1 AND joined_at >= ${PERIOD} AND joined_at < ${PERIOD_END} GROUP BY 1),
     after AS (
       SELECT count(*)::int AS n FROM memberships WHERE community_id = $1 AND joined_at >= ${PERIOD_END}),
     before AS (
       SELECT (SELECT member_count FROM communities WHERE id = $1) - (SELECT n FROM after) - coalesce((SELECT sum(n) FROM joined), 0) AS n)
     SELECT to_char(months.m, 'YYYY-MM') AS month, coalesce(joined.n, 0) AS joined,
            ((SELECT n FROM before) + sum(coalesce(joined.n, 0)) OVER (ORDER BY months.m))::int AS total
       FROM months LEFT JOIN joined ON joined.m = months.m ORDER BY months.m`,
    values: [communityId, from, end],
  });
  return rows;
}

export interface TopPost { postId: number; title: string; value: number }

/** Most read posts of the month (reads counted in post_views_daily, by Paris day). */
export async function mostRead(pool: Pool, communityId: number, month: string, limit = 5): Promise<TopPost[]> {
  const { from, to } = monthRange(month);
  const { rows } = await pool.query<TopPost>(
    `SELECT v.post_id::int AS "postId", p.title, v.views::int AS value
       FROM (SELECT post_id, sum(views) AS views FROM post_views_daily
              WHERE community_id = $1 AND day >= $2::date AND day < $3::date GROUP BY post_id) v
       JOIN posts p ON p.id = v.post_id
      WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
      ORDER BY v.views DESC, v.post_id DESC LIMIT $4`,
    [communityId, from, to, limit],
  );
  return rows;
}

/** Most useful posts published in the month ("utile" reactions). */
export async function mostUseful(pool: Pool, communityId: number, month: string, limit = 5): Promise<TopPost[]> {
  const { from, to } = monthRange(month);
  const { rows } = await pool.query<TopPost>(
    `SELECT id::int AS "postId", title, useful_count AS value FROM posts
      WHERE community_id = $1 AND created_at >= ${PERIOD} AND created_at < ${PERIOD_END}
        AND deleted_at IS NULL AND hidden_at IS NULL AND useful_count > 0
      ORDER BY useful_count DESC, id DESC LIMIT $4`,
    [communityId, from, to, limit],
  );
  return rows;
}

/**
 * « Ressources CNFPT » put forward in the month, by the animator and by the whole community (one
 * statement over posts_cnfpt_month_idx: the brief asks animators to promote them).
 */
export async function cnfptPromoted(pool: Pool, communityId: number, userId: number, month: string): Promise<{ animator: number; community: number }> {
  const { from, to } = monthRange(month);
  const { rows } = await pool.query<{ animator: number; community: number }>({
    name: 'steering-cnfpt-promoted',
    text: `SELECT count(*) FILTER (WHERE author_id = $4)::int AS animator, count(*)::int AS community FROM posts
            WHERE community_id = $1 AND created_at >= ${PERIOD} AND created_at < ${PERIOD_END}
              AND cnfpt_type IS NOT NULL AND deleted_at IS NULL`,
    values: [communityId, from, to, userId],
  });
  return rows[0]!;
}
