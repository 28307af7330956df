import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { rows, run } from '../../db/query.js';
import { countContributions } from '../steering/families.js';
import { listStaff, loadTargets, teamProgress } from '../steering/targets.js';
import { QUESTION_FIGURES_SQL } from '../questions/stats.js';
import { parisMonthNow } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

/**
 * The national dashboard reads only these rollups: counting 220,000 members, 800,000 comments and
 * every animator's contributions for 40 communities on each page view would take seconds. The job
 * `refresh-national-rollups` rewrites them every ten minutes in one transaction, so a reader sees
 * either the previous figures or the new ones, never a mix; `refreshed_at` says how fresh they are.
 */

/** First day of the current Paris month and the instant it began. */
const PERIOD = sql`(SELECT date_trunc('month', now() AT TIME ZONE ${parisZoneSql})::date AS month,
                        (date_trunc('month', now() AT TIME ZONE ${parisZoneSql}) AT TIME ZONE ${parisZoneSql}) AS lo)`;

const STATS_SQL = (now: Date) => sql`
  INSERT INTO community_stats (community_id, month, members, members_month_start, joined_month, posts_month, comments_month,
                               active_month, questions_due, questions_in_time, flags_pending, moderation_actions_month,
                               staff_count, contributions_month, contributions_target, refreshed_at)
  SELECT c.id, b.month, c.member_count, c.member_count - coalesce(j.n, 0), coalesce(j.n, 0), p.n, coalesce(cm.n, 0),
         a.n, q.due, q.in_time, f.n, ma.n, 0, 0, 0, ${now}
    FROM communities c CROSS JOIN ${PERIOD} b
    LEFT JOIN (SELECT community_id, count(*)::int AS n FROM memberships, ${PERIOD} b2 WHERE joined_at >= b2.lo GROUP BY 1) j
           ON j.community_id = c.id
    LEFT JOIN (SELECT p.community_id, count(*)::int AS n FROM comments x JOIN posts p ON p.id = x.post_id, ${PERIOD} b3
                WHERE x.created_at >= b3.lo AND x.deleted_at IS NULL GROUP BY 1) cm ON cm.community_id = c.id
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM posts p
                         WHERE p.community_id = c.id AND p.created_at >= b.lo AND p.deleted_at IS NULL) p
    CROSS JOIN LATERAL (SELECT count(DISTINCT user_id)::int AS n FROM member_activity_daily
                         WHERE community_id = c.id AND day >= b.month) a
    -- Questions asked this month whose outcome is known, and those answered in time: questions/stats.ts's figures.
    CROSS JOIN LATERAL (SELECT f."decided" AS due, f."answeredWithinDeadline" AS in_time FROM (
                          SELECT ${sql.raw(QUESTION_FIGURES_SQL)}
                            FROM questions q JOIN posts p ON p.id = q.post_id AND p.deleted_at IS NULL
                           WHERE q.community_id = c.id AND q.asked_at >= b.lo) f) q
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM flags WHERE community_id = c.id AND status = 'pending') f
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM moderation_audit WHERE community_id = c.id AND created_at >= b.lo) ma
   WHERE c.status <> 'archived'`;

/** Last 12 Paris months per community; members are today's members by the month they joined. */
const COMMUNITY_MONTHS_SQL = (now: Date) => sql`
  WITH b AS (SELECT (date_trunc('month', now() AT TIME ZONE ${parisZoneSql}) - interval '11 months')::date AS first),
  months AS (SELECT generate_series((SELECT first FROM b), (SELECT first FROM b) + interval '11 months', interval '1 month')::date AS m),
  lo AS (SELECT ((SELECT first FROM b)::timestamp AT TIME ZONE ${parisZoneSql}) AS t),
  joined AS (SELECT community_id, date_trunc('month', joined_at AT TIME ZONE ${parisZoneSql})::date AS m, count(*)::int AS n
               FROM memberships WHERE joined_at >= (SELECT t FROM lo) GROUP BY 1, 2),
  before AS (SELECT community_id, count(*)::int AS n FROM memberships WHERE joined_at < (SELECT t FROM lo) GROUP BY 1),
  posts_m AS (SELECT community_id, date_trunc('month', created_at AT TIME ZONE ${parisZoneSql})::date AS m, count(*)::int AS n
                FROM posts WHERE created_at >= (SELECT t FROM lo) AND deleted_at IS NULL GROUP BY 1, 2),
  comments_m AS (SELECT p.community_id, date_trunc('month', x.created_at AT TIME ZONE ${parisZoneSql})::date AS m, count(*)::int AS n
                   FROM comments x JOIN posts p ON p.id = x.post_id
                  WHERE x.created_at >= (SELECT t FROM lo) AND x.deleted_at IS NULL GROUP BY 1, 2),
  active_m AS (SELECT community_id, date_trunc('month', day)::date AS m, count(DISTINCT user_id)::int AS n
                 FROM member_activity_daily WHERE day >= (SELECT first FROM b) GROUP BY 1, 2)
  INSERT INTO community_months (community_id, month, members_end, joined, posts, comments, active, refreshed_at)
  SELECT c.id, months.m,
         (coalesce(bf.n, 0) + sum(coalesce(j.n, 0)) OVER (PARTITION BY c.id ORDER BY months.m))::int,
         coalesce(j.n, 0), coalesce(pm.n, 0), coalesce(cm.n, 0), coalesce(am.n, 0), ${now}
    FROM communities c CROSS JOIN months
    LEFT JOIN before bf ON bf.community_id = c.id
    LEFT JOIN joined j ON j.community_id = c.id AND j.m = months.m
    LEFT JOIN posts_m pm ON pm.community_id = c.id AND pm.m = months.m
    LEFT JOIN comments_m cm ON cm.community_id = c.id AND cm.m = months.m
    LEFT JOIN active_m am ON am.community_id = c.id AND am.m = months.m
   WHERE c.status <> 'archived'`;

/** The network's months: distinct subscribers (by their first membership), posts, comments, distinct actives. */
const NETWORK_MONTHS_SQL = (now: Date) => sql`
  WITH b AS (SELECT (date_trunc('month', now() AT TIME ZONE ${parisZoneSql}) - interval '11 months')::date AS first),
  months AS (SELECT generate_series((SELECT first FROM b), (SELECT first FROM b) + interval '11 months', interval '1 month')::date AS m),
  firsts AS (SELECT date_trunc('month', min(joined_at) AT TIME ZONE ${parisZoneSql})::date AS m FROM memberships GROUP BY user_id),
  per AS (SELECT m, count(*)::int AS n FROM firsts GROUP BY m)
  INSERT INTO network_months (month, subscribers, joined, posts, comments, active, refreshed_at)
  SELECT months.m,
         (SELECT coalesce(sum(n), 0) FROM per WHERE per.m <= months.m)::int,
         coalesce((SELECT n FROM per WHERE per.m = months.m), 0),
         coalesce((SELECT sum(posts) FROM community_months cm WHERE cm.month = months.m), 0)::int,
         coalesce((SELECT sum(comments) FROM community_months cm WHERE cm.month = months.m), 0)::int,
         (SELECT count(DISTINCT user_id) FROM member_activity_daily
           WHERE day >= months.m AND day < (months.m + interval '1 month')::date)::int,
         ${now}
    FROM months`;

const NETWORK_DAYS_SQL = (now: Date) => sql`
  WITH days AS (SELECT generate_series((now() AT TIME ZONE ${parisZoneSql})::date - 59, (now() AT TIME ZONE ${parisZoneSql})::date, interval '1 day')::date AS d)
  INSERT INTO network_days (day, active, refreshed_at)
  SELECT days.d, (SELECT count(DISTINCT user_id) FROM member_activity_daily WHERE day = days.d)::int, ${now} FROM days`;

/** Recomputes every rollup; idempotent (each table is rewritten whole). Returns the refresh instant. */
export async function refreshRollups(db: Db): Promise<Date> {
  const month = parisMonthNow();
  // Contributions go through families.ts (the one definition) per community, outside the write transaction.
  const ids = await rows<{ id: number }>(db, sql`SELECT id::int AS id FROM communities WHERE status <> 'archived' ORDER BY id`);
  const teams = new Map<number, { staff: number; done: number; target: number }>();
  for (const { id } of ids) {
    const [staff, targets, counts] = await Promise.all([listStaff(db, id), loadTargets(db, id), countContributions(db, id, month)]);
    const team = teamProgress(staff, targets, counts);
    teams.set(id, { staff: team.animators, done: team.done, target: team.target });
  }
  return db.transaction(async (tx) => {
    // One refresh at a time: a second job (or the admin's button) waits instead of interleaving.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('national-rollups'))`);
    const now = new Date();
    await rewrite(tx, now, teams);
    return now;
  });
}

async function rewrite(tx: Tx, now: Date, teams: Map<number, { staff: number; done: number; target: number }>) {
  await run(tx, sql`DELETE FROM community_stats`);
  await run(tx, STATS_SQL(now));
  const list = [...teams.entries()];
  await run(tx, sql`
    UPDATE community_stats s SET staff_count = t.staff, contributions_month = t.done, contributions_target = t.target
      FROM unnest(${sql.param(list.map(([id]) => id))}::bigint[], ${sql.param(list.map(([, t]) => t.staff))}::int[],
                  ${sql.param(list.map(([, t]) => t.done))}::int[], ${sql.param(list.map(([, t]) => t.target))}::int[])
           AS t(id, staff, done, target) WHERE s.community_id = t.id`);
  await run(tx, sql`DELETE FROM community_months`);
  await run(tx, COMMUNITY_MONTHS_SQL(now));
  await run(tx, sql`DELETE FROM network_months`);
  await run(tx, NETWORK_MONTHS_SQL(now));
  await run(tx, sql`DELETE FROM network_days`);
  await run(tx, NETWORK_DAYS_SQL(now));
}
