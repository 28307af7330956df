import { sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { parisZoneSql } from '../../../../common/time/sql.js';
import type { DbOrTx } from '../../db/client.js';
import { rows } from '../../db/query.js';
import type { Audience } from '../../../../common/api/national.js';

type AudienceMonth = Static<typeof Audience>['months'][number];

/**
 * A community's audience: members, newcomers and monthly active members month by month (rollup
 * community_months), daily active members over 30 days and the most read posts, from the daily
 * tables (an index range each: member_activity_daily's key, post_views_daily_community_day_idx).
 * Reads are counted on our own server: no third-party tracker, no IP address kept.
 */
export async function communityAudience(db: DbOrTx, communityId: number): Promise<Static<typeof Audience>> {
  const [months, days, top] = await Promise.all([
    rows<AudienceMonth & { refreshedAt: string }>(db, sql`
       SELECT to_char(month, 'YYYY-MM') AS month, members_end AS members, joined, active, posts, comments,
              to_char(refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "refreshedAt"
         FROM community_months WHERE community_id = ${communityId} ORDER BY month`),
    rows<Static<typeof Audience>['days'][number]>(db, sql`
       WITH days AS (SELECT generate_series((now() AT TIME ZONE ${parisZoneSql})::date - 29, (now() AT TIME ZONE ${parisZoneSql})::date, interval '1 day')::date AS d),
            counted AS (SELECT day, count(*)::int AS n FROM member_activity_daily
                         WHERE community_id = ${communityId} AND day >= (now() AT TIME ZONE ${parisZoneSql})::date - 29 GROUP BY day)
       SELECT days.d::text AS day, coalesce(counted.n, 0) AS active FROM days LEFT JOIN counted ON counted.day = days.d ORDER BY days.d`),
    rows<Static<typeof Audience>['topPosts'][number]>(db, sql`
       SELECT v.post_id::int AS "postId", p.title, v.views::int AS views
         FROM (SELECT post_id, sum(views) AS views FROM post_views_daily
                WHERE community_id = ${communityId} AND day >= (now() AT TIME ZONE ${parisZoneSql})::date - 29 GROUP BY post_id) v
         JOIN posts p ON p.id = v.post_id
        WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
        ORDER BY v.views DESC, v.post_id DESC LIMIT 10`),
  ]);
  return {
    refreshedAt: months[0]?.refreshedAt ?? null,
    months: months.map(({ refreshedAt: _r, ...m }) => m),
    days,
    topPosts: top,
  };
}
