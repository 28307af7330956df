import type { Pool } from 'pg';
import type { Static } from 'typebox';
import type { NationalDashboard } from '../../../../common/api/national.js';
import { refreshRollups } from './rollups.js';

/**
 * The national dashboard, read from the rollups only (rollups.ts): a handful of small reads, whatever the
 * size of the network. Every figure, member counts included, is as of the fill, so the page is one
 * consistent snapshot dated by refreshedAt.
 */
export async function nationalDashboard(pool: Pool): Promise<Static<typeof NationalDashboard>> {
  const [stats, months, days] = await Promise.all([
    pool.query({
      name: 'national-stats',
      text: `SELECT c.id::int AS id, c.slug, c.name, c.status, c.launch_date::text AS "launchDate",
                    c.member_count AS members, s.members_month_start AS "monthStart", s.joined_month AS "joinedMonth",
                    s.posts_month AS "postsMonth", s.comments_month AS "commentsMonth", s.active_month AS "activeMonth",
                    s.questions_due AS "questionsDue", s.questions_in_time AS "questionsInTime", s.flags_pending AS "flagsPending",
                    s.moderation_actions_month AS "moderationActionsMonth", s.staff_count AS "staffCount",
                    s.contributions_month AS "contributionsMonth", s.contributions_target AS "contributionsTarget",
                    to_char(s.month, 'YYYY-MM') AS month,
                    to_char(s.refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "refreshedAt"
               FROM community_stats s JOIN communities c ON c.id = s.community_id
              ORDER BY c.name, c.id`,
    }),
    pool.query({
      name: 'national-months',
      text: `SELECT to_char(month, 'YYYY-MM') AS month, subscribers, joined, posts, comments, active FROM network_months ORDER BY month`,
    }),
    pool.query({ name: 'national-days', text: `SELECT day::text AS day, active FROM network_days ORDER BY day` }),
  ]);
  const rows = stats.rows as Array<Record<string, any>>;
  const lastMonth = months.rows.at(-1) as { subscribers: number; active: number } | undefined;
  const today = days.rows.at(-1) as { active: number } | undefined;
  return {
    refreshedAt: rows[0]?.refreshedAt ?? null,
    month: rows[0]?.month ?? null,
    network: {
      subscribers: lastMonth?.subscribers ?? 0,
      // The rows' own member counts (kept by the join/leave transactions), so the total matches the table.
      memberships: rows.reduce((sum, r) => sum + (r.members as number), 0),
      activeMonth: lastMonth?.active ?? 0,
      activeToday: today?.active ?? 0,
      communities: rows.length,
    },
    communities: rows.map(({ monthStart, month: _m, refreshedAt: _r, ...r }) => ({
      ...r,
      growth: monthStart > 0 ? Math.round((r.joinedMonth / monthStart) * 1000) / 10 : null,
    })),
    months: months.rows,
    days: days.rows,
  } as Static<typeof NationalDashboard>;
}

let cache: { key: string; body: string } | null = null;

/**
 * The dashboard as JSON, rebuilt only when the rollups change: one primary-key probe per request
 * instead of four reads and a serialization (the figures change every ten minutes, the page is read
 * far more often). Each instance keeps its own copy, keyed by the refresh instant stored in the
 * database, so several instances serve the same snapshot.
 */
/** `pool` may be a replica (plugins/read-routing.ts); the first roll-up of a new platform is written on `primary`. */
export async function nationalDashboardJson(pool: Pool, primary: Pool): Promise<string> {
  const { rows } = await pool.query<{ key: string | null }>({
    name: 'national-refreshed',
    text: `SELECT (SELECT refreshed_at::text FROM network_days ORDER BY day DESC LIMIT 1) AS key`,
  });
  let key = rows[0]?.key ?? null;
  // A new platform has no rollups until the job's first run: compute them rather than show an empty page.
  if (key === null) key = (await refreshRollups(primary)).toISOString();
  if (cache?.key !== key) cache = { key, body: JSON.stringify(await nationalDashboard(pool)) };
  return cache.body;
}
