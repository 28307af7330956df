import type { Pool } from 'pg';
import {
  CONTRIBUTION_SOURCES, FAMILIES, type ContributionFamily, type ContributionSource,
} from '../../../../common/contributions.js';
import { monthRange, PARIS_SQL } from '../../../../common/time/index.js';

export { CONTRIBUTION_SOURCES, FAMILIES, type ContributionFamily, type ContributionSource };

/**
 * The SQL behind each contribution source (definitions and labels: common/contributions.ts).
 * Every fragment yields (user_id, at) for the actions of the community's staff ($1 community,
 * $2/$3 the period as Paris-local timestamps, CTE `staff` and `results` below). Indexes serving them:
 * posts_author_idx (author_id, created_at), comments_author_idx (author_id, created_at),
 * moderation_audit_community_idx, dossiers_community_idx, events_community_updated_idx,
 * polls_community_idx (the results posts of the community).
 */
const RANGE = (col: string) => `${col} >= (SELECT lo FROM period) AND ${col} < (SELECT hi FROM period)`;

/** A live post of the given kind by a staff member, results posts excluded (counted once, as results). */
const postsOfKind = (kind: string) => `
  SELECT p.author_id AS user_id, p.created_at AS at
    FROM staff s JOIN posts p ON p.author_id = s.user_id
   WHERE ${RANGE('p.created_at')} AND p.community_id = $1 AND p.kind = '${kind}'
     AND p.deleted_at IS NULL AND p.id NOT IN (SELECT id FROM results)`;

const staffComments = (onQuestion: boolean) => `
  SELECT c.author_id AS user_id, c.created_at AS at
    FROM staff s JOIN comments c ON c.author_id = s.user_id JOIN posts p ON p.id = c.post_id
   WHERE ${RANGE('c.created_at')} AND p.community_id = $1 AND c.deleted_at IS NULL
     AND p.kind ${onQuestion ? '=' : '<>'} 'question'`;

export const SOURCE_SQL: Record<ContributionSource, string> = {
  veille_post: postsOfKind('veille'),
  partage: postsOfKind('partage'),
  event_added: postsOfKind('evenement'),
  // No editor is recorded on events: the last change in the period counts once, for the event's author.
  event_updated: `
  SELECT p.author_id AS user_id, e.updated_at AS at
    FROM events e JOIN posts p ON p.id = e.post_id JOIN staff s ON s.user_id = p.author_id
   WHERE e.community_id = $1 AND ${RANGE('e.updated_at')}
     AND e.updated_at > e.created_at + interval '1 minute' AND p.deleted_at IS NULL`,
  question_answer: staffComments(true),
  relaunch_reply: staffComments(false),
  moderation_action: `
  SELECT m.actor_id AS user_id, m.created_at AS at
    FROM moderation_audit m JOIN staff s ON s.user_id = m.actor_id
   WHERE m.community_id = $1 AND ${RANGE('m.created_at')}`,
  ressource: postsOfKind('ressource'),
  article: postsOfKind('article'),
  poll_launch: postsOfKind('sondage'),
  poll_results: `
  SELECT p.author_id AS user_id, p.created_at AS at
    FROM results r JOIN posts p ON p.id = r.id JOIN staff s ON s.user_id = p.author_id
   WHERE ${RANGE('p.created_at')} AND p.deleted_at IS NULL`,
  dossier: `
  SELECT d.created_by AS user_id, d.created_at AS at
    FROM dossiers d JOIN staff s ON s.user_id = d.created_by
   WHERE d.community_id = $1 AND ${RANGE('d.created_at')}`,
};

export const FAMILY_OF: Record<ContributionSource, ContributionFamily> = Object.fromEntries(
  CONTRIBUTION_SOURCES.map((s) => [s.code, s.family]),
) as Record<ContributionSource, ContributionFamily>;

/**
 * Every counted action as rows (user_id, source, at), under the CTEs they need. $1 community,
 * $2/$3: first day of the first month and of the month after the last ('YYYY-MM-01');
 * $4: one staff member, or NULL for the whole team. Grouped by month below, by week in coordinator.ts.
 */
export const CONTRIBUTION_ROWS_SQL = `
  WITH period AS (
         SELECT ($2::date::timestamp AT TIME ZONE ${PARIS_SQL}) AS lo, ($3::date::timestamp AT TIME ZONE ${PARIS_SQL}) AS hi),
       staff AS (
         SELECT user_id FROM memberships
          WHERE community_id = $1 AND role IN ('animator', 'coordinator') AND ($4::bigint IS NULL OR user_id = $4::bigint)),
       results AS (
         SELECT results_post_id AS id FROM polls WHERE community_id = $1 AND results_post_id IS NOT NULL),
       contribution_rows AS (
         ${CONTRIBUTION_SOURCES.map((s) => `SELECT '${s.code}' AS source, q.* FROM (${SOURCE_SQL[s.code]}) q`).join('\n    UNION ALL ')})`;

/** Counts by (staff member, source, Paris month). Parameters: CONTRIBUTION_ROWS_SQL's. */
export const CONTRIBUTIONS_SQL = `${CONTRIBUTION_ROWS_SQL}
  SELECT a.user_id::int AS user_id, a.source,
         to_char(date_trunc('month', a.at AT TIME ZONE ${PARIS_SQL}), 'YYYY-MM') AS month, count(*)::int AS n
    FROM contribution_rows a
   GROUP BY 1, 2, 3`;

export interface ContributionCount {
  userId: number;
  source: ContributionSource;
  family: ContributionFamily;
  month: string;
  count: number;
}

export async function countContributions(
  pool: Pool,
  communityId: number,
  fromMonth: string,
  months = 1,
  userId: number | null = null,
): Promise<ContributionCount[]> {
  const { from, to } = monthRange(fromMonth, months);
  const { rows } = await pool.query<{ user_id: number; source: ContributionSource; month: string; n: number }>(
    { name: 'steering-contributions', text: CONTRIBUTIONS_SQL, values: [communityId, from, to, userId] },
  );
  return rows.map((r) => ({ userId: r.user_id, source: r.source, family: FAMILY_OF[r.source], month: r.month, count: r.n }));
}
