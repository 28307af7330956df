import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { communities, memberships } from '../../db/schema/index.js';
import type { CurrentUser } from '../../types.js';
import { contextOf, type CommunityContext } from '../communities/context.js';
import { isNationalAdmin } from '../communities/policy.js';
import type { VisitRow } from '../read-state/queries.js';
import { batchPerHandle, TickBatch } from '../../lib/tick-batch.js';
import { fromLiveTuples, livePartsJson, type LivePartsRow } from './queries.js';

/**
 * What a community feed request reads besides its (cached) page: the community with the reader's role, the live
 * parts of the posts of the page this instance holds, and the reader's visit — recorded on a first page, read on
 * the next ones. One statement, so one round trip: each statement cost a socket write and a wake-up on both sides,
 * most of a cached feed's CPU (profile of `npm run bench`, docs/bench.md). The requests of one turn share one.
 */
export type VisitMode = 'none' | 'record' | 'read';

export interface FeedRequestRow {
  context: CommunityContext;
  /** Live parts of the posts asked for, when they are still in this community. */
  live: LivePartsRow[];
  visit: VisitRow | null;
}

function feedRequestsQuery(db: DbOrTx) {
  const userId = sql`q.user_id`;
  return db
    .select({
      i: sql<number>`q.i::int`,
      community: getTableColumns(communities),
      role: memberships.role,
      live: livePartsJson(sql`q.ids::bigint[]`, userId, sql`AND p.community_id = ${communities.id}`),
      // The view rule of communityAbilities (a draft: its coordinators and national admins only), so that no visit
      // is written for a page the reader will be refused.
      visit: sql<{ previousVisitAt: string | null; newPosts?: number } | null>`CASE
        WHEN q.mode = 'record'
         AND (${communities.status} <> 'draft' OR ${memberships.role} = 'coordinator' OR q.admin)
          THEN record_community_visit(${userId}, ${communities.id})
        WHEN q.mode = 'read'
          THEN (SELECT json_build_object('previousVisitAt', to_char(cv.previous_visit_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                  FROM community_visits cv WHERE cv.user_id = ${userId} AND cv.community_id = ${communities.id})
        END`,
    })
    // One row per request of the batch: its community, reader, page held (a PostgreSQL array literal) and visit mode.
    .from(sql`unnest(${sql.placeholder('slugs')}::text[], ${sql.placeholder('userIds')}::bigint[], ${sql.placeholder('ids')}::text[],
                     ${sql.placeholder('modes')}::text[], ${sql.placeholder('admins')}::boolean[])
              WITH ORDINALITY AS q(slug, user_id, ids, mode, admin, i)`)
    .innerJoin(communities, eq(communities.slug, sql`q.slug`))
    .leftJoin(memberships, and(eq(memberships.communityId, communities.id), eq(memberships.userId, userId)))
    .prepare('community-feed-requests');
}

type FeedRequestsStatement = ReturnType<typeof feedRequestsQuery>;
type FeedRequestsRow = Awaited<ReturnType<FeedRequestsStatement['execute']>>[number];

interface FeedRequestKey { slug: string; userId: number; ids: number[]; mode: VisitMode; admin: boolean }

// Built once per database handle (the primary, each replica) and planned once per connection; the requests of one
// turn of the event loop on one handle are read by one statement (TickBatch).
const batchOf = batchPerHandle((db: DbOrTx) => {
  const statement = feedRequestsQuery(db);
  return new TickBatch<FeedRequestKey, FeedRequestsRow>(async (keys) => {
    const column = <T>(pick: (k: FeedRequestKey) => T) => keys.map(pick);
    const rows = await statement.execute({
      slugs: column((k) => k.slug), userIds: column((k) => k.userId), ids: column((k) => `{${k.ids.join(',')}}`),
      modes: column((k) => k.mode), admins: column((k) => k.admin),
    });
    const answers: (FeedRequestsRow | undefined)[] = new Array(keys.length);
    for (const row of rows) answers[row.i - 1] = row;
    return answers;
  }, (k) => `${k.slug}|${k.userId}|${k.mode}|${k.admin}|${k.ids.join(',')}`, {
    // Visits are written in one order by every batch: reader, then community.
    order: (a, b) => (a.userId - b.userId) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  });
});

export async function readFeedRequest(
  db: DbOrTx, slug: string, user: CurrentUser | null, postIds: number[], mode: VisitMode,
): Promise<FeedRequestRow> {
  const row = await batchOf(db).load({ slug, userId: user?.id ?? 0, ids: postIds, mode: user ? mode : 'none', admin: isNationalAdmin(user) });
  const context = contextOf(user, row && { community: row.community, role: row.role ?? null });
  const live = fromLiveTuples(row!.live);
  const visit = row!.visit === null ? null
    : { previous_visit_at: row!.visit.previousVisitAt, new_posts: row!.visit.newPosts ?? 0 };
  return { context, live, visit };
}
