import type { Pool } from 'pg';
import { monthRange, PARIS_SQL } from '../../../../common/time/index.js';

export interface MemberMonth {
  month: string;
  /** Members who joined in the month. */
  joined: number;
  /** Members at the end of the month (current memberships: someone who left no longer counts in past months). */
  total: number;
  /** Distinct members who read or wrote in the community during the month (member_activity_daily). */
  active: number;
}

/**
 * Month by month from `fromMonth`, `months` Paris months. Two index ranges:
 * memberships_community_joined_idx and member_activity_daily's primary key (community_id, day, user_id).
 */
export async function memberSeries(pool: Pool, communityId: number, fromMonth: string, months: number): Promise<MemberMonth[]> {
  const { from, to } = monthRange(fromMonth, months);
  const { rows } = await pool.query<MemberMonth>(
    {
      name: 'steering-member-series',
      text: `WITH months AS (
         SELECT generate_series($2::date, ($3::date - interval '1 month')::date, interval '1 month')::date AS m),
       joined AS (
         SELECT date_trunc('month', joined_at AT TIME ZONE ${PARIS_SQL})::date AS m, count(*)::int AS n
           FROM memberships
          WHERE community_id = $1
            AND joined_at >= ($2::date::timestamp AT TIME ZONE ${PARIS_SQL}) AND joined_at < ($3::date::timestamp AT TIME ZONE ${PARIS_SQL})
          GROUP BY 1),
       before AS (
         SELECT count(*)::int AS n FROM memberships WHERE community_id = $1 AND joined_at < ($2::date::timestamp AT TIME ZONE ${PARIS_SQL})),
       active AS (
         SELECT date_trunc('month', day)::date AS m, count(DISTINCT user_id)::int AS n
           FROM member_activity_daily WHERE community_id = $1 AND day >= $2::date AND day < $3::date GROUP BY 1)
       SELECT to_char(months.m, 'YYYY-MM') AS month, coalesce(joined.n, 0) AS joined,
              ((SELECT n FROM before) + sum(coalesce(joined.n, 0)) OVER (ORDER BY months.m))::int AS total,
              coalesce(active.n, 0) AS active
         FROM months LEFT JOIN joined ON joined.m = months.m LEFT JOIN active ON active.m = months.m
        ORDER BY months.m`,
      values: [communityId, from, to],
    },
  );
  return rows;
}
