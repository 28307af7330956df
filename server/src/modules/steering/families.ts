import { sql, type SQL } from 'drizzle-orm';
import {
  CONTRIBUTION_SOURCES, FAMILIES, type ContributionFamily, type ContributionSource,
} from '../../../../common/contributions.js';
import { monthRange } from '../../../../common/time/index.js';
import { parisZoneSql } from '../../../../common/time/sql.js';
import type { DbOrTx } from '../../db/client.js';
import { named } from '../../lib/named-query.js';

export { CONTRIBUTION_SOURCES, FAMILIES, type ContributionFamily, type ContributionSource };

/**
 * The SQL behind each contribution source (definitions and labels: common/contributions.ts).
 * Every fragment yields (user_id, at) for the actions of the community's staff (`c` the community,
 * the period as Paris-local timestamps in CTE `period`, CTEs `staff` and `results` below). Indexes serving them:
 * posts_author_idx (author_id, created_at), comments_author_idx (author_id, created_at),
 * moderation_audit_community_idx, dossiers_community_idx, events_community_updated_idx,
 * polls_community_idx (the results posts of the community).
 */
const RANGE = (col: string) => sql.raw(`${col} >= (SELECT lo FROM period) AND ${col} < (SELECT hi FROM period)`);

/** A live post of the given kind by a staff member, results posts excluded (counted once, as results). */
const postsOfKind = (kind: string) => (c: number) => sql`
  SELECT p.author_id AS user_id, p.created_at AS at
    FROM staff s JOIN posts p ON p.author_id = s.user_id
   WHERE ${RANGE('p.created_at')} AND p.community_id = ${c} AND p.kind = ${sql.raw(`'${kind}'`)}
     AND p.deleted_at IS NULL AND p.id NOT IN (SELECT id FROM results)`;

const staffComments = (onQuestion: boolean) => (c: number) => sql`
  SELECT c.author_id AS user_id, c.created_at AS at
    FROM staff s JOIN comments c ON c.author_id = s.user_id JOIN posts p ON p.id = c.post_id
   WHERE ${RANGE('c.created_at')} AND p.community_id = ${c} AND c.deleted_at IS NULL
     AND p.kind ${sql.raw(onQuestion ? '=' : '<>')} 'question'`;

export const SOURCE_SQL: Record<ContributionSource, (communityId: number) => SQL> = {
  veille_post: postsOfKind('veille'),
  partage: postsOfKind('partage'),
  event_added: postsOfKind('evenement'),
  // No editor is recorded on events: the last change in the period counts once, for the event's author.
  event_updated: (c) => sql`
  SELECT p.author_id AS user_id, e.updated_at AS at
    FROM events e JOIN posts p ON p.id = e.post_id JOIN staff s ON s.user_id = p.author_id
   WHERE e.community_id = ${c} AND ${RANGE('e.updated_at')}
     AND e.updated_at > e.created_at + interval '1 minute' AND p.deleted_at IS NULL`,
  question_answer: staffComments(true),
  relaunch_reply: staffComments(false),
  moderation_action: (c) => sql`
  SELECT m.actor_id AS user_id, m.created_at AS at
    FROM moderation_audit m JOIN staff s ON s.user_id = m.actor_id
   WHERE m.community_id = ${c} AND ${RANGE('m.created_at')}`,
  ressource: postsOfKind('ressource'),
  article: postsOfKind('article'),
  poll_launch: postsOfKind('sondage'),
  poll_results: () => sql`
  SELECT p.author_id AS user_id, p.created_at AS at
    FROM results r JOIN posts p ON p.id = r.id JOIN staff s ON s.user_id = p.author_id
   WHERE ${RANGE('p.created_at')} AND p.deleted_at IS NULL`,
  dossier: (c) => sql`
  SELECT d.created_by AS user_id, d.created_at AS at
    FROM dossiers d JOIN staff s ON s.user_id = d.created_by
   WHERE d.community_id = ${c} AND ${RANGE('d.created_at')}`,
};

export const FAMILY_OF: Record<ContributionSource, ContributionFamily> = Object.fromEntries(
  CONTRIBUTION_SOURCES.map((s) => [s.code, s.family]),
) as Record<ContributionSource, ContributionFamily>;

/** The community, the period ('YYYY-MM-01' first days of the first month and of the month after the last) and one staff member or null for the whole team. */
export interface ContributionScope { communityId: number; from: string; to: string; userId: number | null }

/**
 * Every counted action as rows (user_id, source, at), under the CTEs they need, for `scope`.
 * Grouped by month below, by week in coordinator.ts.
 */
export function contributionRows({ communityId, from, to, userId }: ContributionScope): SQL {
  const sources = CONTRIBUTION_SOURCES.map((s) => sql`SELECT ${sql.raw(`'${s.code}'`)} AS source, q.* FROM (${SOURCE_SQL[s.code](communityId)}) q`);
  return sql`
  WITH period AS (
         SELECT (${from}::date::timestamp AT TIME ZONE ${parisZoneSql}) AS lo, (${to}::date::timestamp AT TIME ZONE ${parisZoneSql}) AS hi),
       staff AS (
         SELECT user_id FROM memberships
          WHERE community_id = ${communityId} AND role IN ('animator', 'coordinator') AND (${userId}::bigint IS NULL OR user_id = ${userId}::bigint)),
       results AS (
         SELECT results_post_id AS id FROM polls WHERE community_id = ${communityId} AND results_post_id IS NOT NULL),
       contribution_rows AS (
         ${sql.join(sources, sql`\n    UNION ALL `)})`;
}

export interface ContributionCount {
  userId: number;
  source: ContributionSource;
  family: ContributionFamily;
  month: string;
  count: number;
}

/** Counts by (staff member, source, Paris month). */
export async function countContributions(
  db: DbOrTx,
  communityId: number,
  fromMonth: string,
  months = 1,
  userId: number | null = null,
): Promise<ContributionCount[]> {
  const { from, to } = monthRange(fromMonth, months);
  const rows = await named<{ user_id: number; source: ContributionSource; month: string; n: number }>(db, 'steering-contributions', sql`${contributionRows({ communityId, from, to, userId })}
  SELECT a.user_id::int AS user_id, a.source,
         to_char(date_trunc('month', a.at AT TIME ZONE ${parisZoneSql}), 'YYYY-MM') AS month, count(*)::int AS n
    FROM contribution_rows a
   GROUP BY 1, 2, 3`);
  return rows.map((r) => ({ userId: r.user_id, source: r.source, family: FAMILY_OF[r.source], month: r.month, count: r.n }));
}
