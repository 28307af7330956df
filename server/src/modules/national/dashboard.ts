import { sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db, DbOrTx } from '../../db/client.js';
import { named } from '../../lib/named-query.js';
import type { CommunityFigures, NationalDashboard, NetworkMonth } from '../../../../common/api/national.js';
import { refreshRollups } from './rollups.js';

/** A row of community_stats as read: the figures of the page, with what the growth and the header are made of. */
type StatsRow = Omit<Static<typeof CommunityFigures>, 'growth'> & { monthStart: number; month: string; refreshedAt: string };
type DayRow = Static<typeof NationalDashboard>['days'][number];

/**
 * The national dashboard, read from the rollups only (rollups.ts): a handful of small reads, whatever the
 * size of the network. Every figure, member counts included, is as of the fill, so the page is one
 * consistent snapshot dated by refreshedAt.
 */
export async function nationalDashboard(db: DbOrTx): Promise<Static<typeof NationalDashboard>> {
  const [rows, months, days] = await Promise.all([
    named<StatsRow>(db, 'national-stats', sql`
             SELECT c.id::int AS id, c.slug, c.name, c.status, c.launch_date::text AS "launchDate",
                    c.member_count AS members, s.members_month_start AS "monthStart", s.joined_month AS "joinedMonth",
                    s.posts_month AS "postsMonth", s.comments_month AS "commentsMonth", s.active_month AS "activeMonth",
                    s.questions_due AS "questionsDue", s.questions_in_time AS "questionsInTime", s.flags_pending AS "flagsPending",
                    s.moderation_actions_month AS "moderationActionsMonth", s.staff_count AS "staffCount",
                    s.contributions_month AS "contributionsMonth", s.contributions_target AS "contributionsTarget",
                    to_char(s.month, 'YYYY-MM') AS month,
                    to_char(s.refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "refreshedAt"
               FROM community_stats s JOIN communities c ON c.id = s.community_id
              ORDER BY c.name, c.id`),
    named<Static<typeof NetworkMonth>>(db, 'national-months', sql`
      SELECT to_char(month, 'YYYY-MM') AS month, subscribers, joined, posts, comments, active FROM network_months ORDER BY month`),
    named<DayRow>(db, 'national-days', sql`SELECT day::text AS day, active FROM network_days ORDER BY day`),
  ]);
  const lastMonth = months.at(-1);
  const today = days.at(-1);
  return {
    refreshedAt: rows[0]?.refreshedAt ?? null,
    month: rows[0]?.month ?? null,
    network: {
      subscribers: lastMonth?.subscribers ?? 0,
      // The rows' own member counts (kept by the join/leave transactions), so the total matches the table.
      memberships: rows.reduce((sum, r) => sum + r.members, 0),
      activeMonth: lastMonth?.active ?? 0,
      activeToday: today?.active ?? 0,
      communities: rows.length,
    },
    communities: rows.map(({ monthStart, month: _m, refreshedAt: _r, ...r }) => ({
      ...r,
      growth: monthStart > 0 ? Math.round((r.joinedMonth / monthStart) * 1000) / 10 : null,
    })),
    months,
    days,
  };
}

let cache: { key: string; body: string } | null = null;

/**
 * The dashboard as JSON, rebuilt only when the rollups change: one primary-key probe per request
 * instead of four reads and a serialization (the figures change every ten minutes, the page is read
 * far more often). Each instance keeps its own copy, keyed by the refresh instant stored in the
 * database, so several instances serve the same snapshot.
 */
/** `db` may be a replica (plugins/read-routing.ts); the first roll-up of a new platform is written on `primary`. */
export async function nationalDashboardJson(db: DbOrTx, primary: Db): Promise<string> {
  const [refreshed] = await named<{ key: string | null }>(db, 'national-refreshed', sql`
    SELECT (SELECT refreshed_at::text FROM network_days ORDER BY day DESC LIMIT 1) AS key`);
  let key = refreshed?.key ?? null;
  // A new platform has no rollups until the job's first run: compute them rather than show an empty page.
  if (key === null) key = (await refreshRollups(primary)).toISOString();
  if (cache?.key !== key) cache = { key, body: JSON.stringify(await nationalDashboard(db)) };
  return cache.body;
}
