import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from '../questions/stats.js';
import { PARIS_SQL } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

export type SeriesUnit = 'day' | 'week' | 'month';

/** Bars the chart can show side by side: days up to a month, weeks up to half a year, then months. */
export function seriesUnit(period: Period): SeriesUnit {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  return days <= 31 ? 'day' : days <= 26 * 7 ? 'week' : 'month';
}

/**
 * Moderation figures over a period of Paris calendar days (both ends included), for one
 * community or the network: flags received, flags handled and the median time to handle them,
 * actions by kind. Served by flags_community_status_created_idx, flags_community_handled_idx
 * and moderation_audit_community_idx.
 */
export async function moderationStats(db: DbOrTx, communityId: number | null, period: Period) {
  const start = sql`(${period.from}::date::timestamp AT TIME ZONE ${parisZoneSql})`;
  const end = sql`((${period.to}::date + 1)::timestamp AT TIME ZONE ${parisZoneSql})`;
  const scopeF = communityId === null ? sql`TRUE` : sql`f.community_id = ${communityId}`;
  const scopeM = communityId === null ? sql`TRUE` : sql`m.community_id = ${communityId}`;
  const { rows } = await db.execute<{ received: number; handled: number; pending: number; median: number | null }>(sql`
    SELECT
      (SELECT count(*) FROM flags f WHERE ${scopeF} AND f.created_at >= ${start} AND f.created_at < ${end})::int AS received,
      (SELECT count(*) FROM flags f WHERE ${scopeF} AND f.handled_at >= ${start} AND f.handled_at < ${end})::int AS handled,
      (SELECT count(*) FROM flags f WHERE ${scopeF} AND f.status = 'pending')::int AS pending,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.handled_at - f.created_at))
         FROM flags f WHERE ${scopeF} AND f.handled_at >= ${start} AND f.handled_at < ${end}) AS median`);
  const actions = await db.execute<{ action: string; count: number }>(sql`
    SELECT m.action, count(*)::int AS count FROM moderation_audit m
     WHERE ${scopeM} AND m.target_type IN ('post', 'comment') AND m.created_at >= ${start} AND m.created_at < ${end}
     GROUP BY m.action ORDER BY count(*) DESC, m.action`);
  // Received and handled per Paris day, week or month of the period, empty ones included.
  const unit = seriesUnit(period);
  const paris = (col: string) => sql.raw(`date_trunc('${unit}', ${col} AT TIME ZONE ${PARIS_SQL})`);
  const series = await db.execute<{ start: string; received: number; handled: number }>(sql`
    SELECT to_char(s.d, 'YYYY-MM-DD') AS start, coalesce(x.received, 0)::int AS received, coalesce(x.handled, 0)::int AS handled
      FROM generate_series(date_trunc(${unit}, ${period.from}::date::timestamp), ${period.to}::date::timestamp, make_interval(
             days => ${unit === 'day' ? 1 : 0}, weeks => ${unit === 'week' ? 1 : 0}, months => ${unit === 'month' ? 1 : 0})) s(d)
      LEFT JOIN (
        SELECT d, count(*) FILTER (WHERE received) AS received, count(*) FILTER (WHERE NOT received) AS handled FROM (
          SELECT ${paris('f.created_at')} AS d, TRUE AS received FROM flags f
           WHERE ${scopeF} AND f.created_at >= ${start} AND f.created_at < ${end}
          UNION ALL
          SELECT ${paris('f.handled_at')}, FALSE FROM flags f
           WHERE ${scopeF} AND f.handled_at >= ${start} AND f.handled_at < ${end}) e
         GROUP BY d) x ON x.d = s.d
     ORDER BY s.d`);
  const r = rows[0]!;
  return {
    period,
    flagsReceived: r.received,
    flagsHandled: r.handled,
    pending: r.pending,
    medianHandleSeconds: r.median === null ? null : Math.round(Number(r.median)),
    actions: actions.rows,
    series: { unit, buckets: series.rows },
  };
}
