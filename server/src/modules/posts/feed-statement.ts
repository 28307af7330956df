import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { communities, memberships } from '../../db/schema/index.js';
import type { CurrentUser } from '../../types.js';
import { contextOf, type CommunityContext } from '../communities/context.js';
import { isNationalAdmin } from '../communities/policy.js';
import type { VisitRow } from '../read-state/queries.js';
import { fromLiveTuples, livePartsJson, type LivePartsRow } from './queries.js';

/**
 * What a community feed request reads besides its (cached) page: the community with the reader's role, the live
 * parts of the posts of the page this instance holds, and the reader's visit — recorded on a first page, read on
 * the next ones. One statement, so one round trip: each statement cost a socket write and a wake-up on both sides,
 * most of a cached feed's CPU (profile of `npm run bench`, docs/bench.md).
 */
export type VisitMode = 'none' | 'record' | 'read';

export interface FeedRequestRow {
  context: CommunityContext;
  /** Live parts of the posts asked for, when they are still in this community. */
  live: LivePartsRow[];
  visit: VisitRow | null;
}

function feedRequestQuery(db: DbOrTx) {
  const userId = sql.placeholder('userId');
  const mode = sql.placeholder('mode');
  return db
    .select({
      community: getTableColumns(communities),
      role: memberships.role,
      live: livePartsJson(sql`${sql.placeholder('ids')}`, sql`${userId}`, sql`AND p.community_id = ${communities.id}`),
      // The view rule of communityAbilities (a draft: its coordinators and national admins only), so that no visit
      // is written for a page the reader will be refused.
      visit: sql<{ previousVisitAt: string | null; newPosts?: number } | null>`CASE
        WHEN ${mode}::text = 'record'
         AND (${communities.status} <> 'draft' OR ${memberships.role} = 'coordinator' OR ${sql.placeholder('admin')}::boolean)
          THEN record_community_visit(${userId}::bigint, ${communities.id})
        WHEN ${mode}::text = 'read'
          THEN (SELECT json_build_object('previousVisitAt', to_char(cv.previous_visit_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                  FROM community_visits cv WHERE cv.user_id = ${userId}::bigint AND cv.community_id = ${communities.id})
        END`,
    })
    .from(communities)
    .leftJoin(memberships, and(eq(memberships.communityId, communities.id), eq(memberships.userId, userId)))
    .where(eq(communities.slug, sql.placeholder('slug')))
    .limit(1)
    .prepare('community-feed-request');
}

type FeedRequestStatement = ReturnType<typeof feedRequestQuery>;
// Built once per database handle (the primary, each replica) and planned once per connection.
const prepared = new WeakMap<object, FeedRequestStatement>();

export async function readFeedRequest(
  db: DbOrTx, slug: string, user: CurrentUser | null, postIds: number[], mode: VisitMode,
): Promise<FeedRequestRow> {
  let statement = prepared.get(db);
  if (!statement) {
    statement = feedRequestQuery(db);
    prepared.set(db, statement);
  }
  const rows = await statement.execute({
    slug, userId: user?.id ?? 0, ids: postIds, mode: user ? mode : 'none', admin: isNationalAdmin(user),
  });
  const row = rows[0];
  const context = contextOf(user, row && { community: row.community, role: row.role ?? null });
  const live = fromLiveTuples(row!.live);
  const visit = row!.visit === null ? null
    : { previous_visit_at: row!.visit.previousVisitAt, new_posts: row!.visit.newPosts ?? 0 };
  return { context, live, visit };
}
