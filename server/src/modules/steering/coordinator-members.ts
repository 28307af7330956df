import { sql } from 'drizzle-orm';
import { monthRange } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';
import type { DbOrTx } from '../../db/client.js';
import { named } from '../../lib/named-query.js';

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
export function memberSeries(db: DbOrTx, communityId: number, fromMonth: string, months: number): Promise<MemberMonth[]> {
  const { from, to } = monthRange(fromMonth, months);
  const lo = sql`(${from}::date::timestamp AT TIME ZONE ${parisZoneSql})`;
  const hi = sql`(${to}::date::timestamp AT TIME ZONE ${parisZoneSql})`;
  return named<MemberMonth>(db, 'steering-member-series', sql`
       WITH months AS (
         SELECT generate_series(${from}::date, (${to}::date - interval '1 month')::date, interval '1 month')::date AS m),
       joined AS (
         SELECT date_trunc('month', joined_at AT TIME ZONE ${parisZoneSql})::date AS m, count(*)::int AS n
           FROM memberships
          WHERE community_id = ${communityId}
            AND joined_at >= ${lo} AND joined_at < ${hi}
          GROUP BY 1),
       before AS (
         SELECT count(*)::int AS n FROM memberships WHERE community_id = ${communityId} AND joined_at < ${lo}),
       active AS (
         SELECT date_trunc('month', day)::date AS m, count(DISTINCT user_id)::int AS n
           FROM member_activity_daily WHERE community_id = ${communityId} AND day >= ${from}::date AND day < ${to}::date GROUP BY 1)
       SELECT to_char(months.m, 'YYYY-MM') AS month, coalesce(joined.n, 0) AS joined,
              ((SELECT n FROM before) + sum(coalesce(joined.n, 0)) OVER (ORDER BY months.m))::int AS total,
              coalesce(active.n, 0) AS active
         FROM months LEFT JOIN joined ON joined.m = months.m LEFT JOIN active ON active.m = months.m
        ORDER BY months.m`);
}
