import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from '../questions/stats.js';

/**
 * Moderation figures over a period of Paris calendar days (both ends included), for one
 * community or the network: flags received, flags handled and the median time to handle them,
 * actions by kind. Served by flags_community_status_created_idx, flags_community_handled_idx
 * and moderation_audit_community_idx.
 */
export async function moderationStats(db: DbOrTx, communityId: number | null, period: Period) {
  const start = sql`(${period.from}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
  const end = sql`((${period.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
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
  const r = rows[0]!;
  return {
    period,
    flagsReceived: r.received,
    flagsHandled: r.handled,
    pending: r.pending,
    medianHandleSeconds: r.median === null ? null : Math.round(Number(r.median)),
    actions: actions.rows,
  };
}
