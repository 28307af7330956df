import type { Pool } from 'pg';
import { PARIS_SQL } from '../../../../common/time/index.js';

/**
 * A community's audience: members, newcomers and monthly active members month by month (rollup
 * community_months), daily active members over 30 days and the most read posts, from the daily
 * tables (an index range each: member_activity_daily's key, post_views_daily_community_day_idx).
 * Reads are counted on our own server: no third-party tracker, no IP address kept.
 */
export async function communityAudience(pool: Pool, communityId: number) {
  const [months, days, top] = await Promise.all([
    pool.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, members_end AS members, joined, active, posts, comments,
              to_char(refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "refreshedAt"
         FROM community_months WHERE community_id = $1 ORDER BY month`,
      [communityId],
    ),
    pool.query(
      `WITH days AS (SELECT generate_series((now() AT TIME ZONE ${PARIS_SQL})::date - 29, (now() AT TIME ZONE ${PARIS_SQL})::date, interval '1 day')::date AS d),
            counted AS (SELECT day, count(*)::int AS n FROM member_activity_daily
                         WHERE community_id = $1 AND day >= (now() AT TIME ZONE ${PARIS_SQL})::date - 29 GROUP BY day)
       SELECT days.d::text AS day, coalesce(counted.n, 0) AS active FROM days LEFT JOIN counted ON counted.day = days.d ORDER BY days.d`,
      [communityId],
    ),
    pool.query(
      `SELECT v.post_id::int AS "postId", p.title, v.views::int AS views
         FROM (SELECT post_id, sum(views) AS views FROM post_views_daily
                WHERE community_id = $1 AND day >= (now() AT TIME ZONE ${PARIS_SQL})::date - 29 GROUP BY post_id) v
         JOIN posts p ON p.id = v.post_id
        WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
        ORDER BY v.views DESC, v.post_id DESC LIMIT 10`,
      [communityId],
    ),
  ]);
  return {
    refreshedAt: (months.rows[0]?.refreshedAt as string | undefined) ?? null,
    months: months.rows.map(({ refreshedAt: _r, ...m }) => m),
    days: days.rows,
    topPosts: top.rows,
  };
}
