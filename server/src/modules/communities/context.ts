import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { communities, memberships } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { communityAbilities, type CommunityAbilities, type CommunityRole } from './policy.js';

export type CommunityRecord = typeof communities.$inferSelect;

export interface CommunityContext {
  community: CommunityRecord;
  /** The current user's role in this community, null when not a member or anonymous. */
  role: CommunityRole | null;
  can: CommunityAbilities;
}

export interface LoadOptions {
  /** Lock the community row (join/leave/role changes keep member_count exact under concurrency). */
  forUpdate?: boolean;
}

function contextQuery(db: DbOrTx, by: 'id' | 'slug', lock: boolean) {
  const query = db
    .select({ community: getTableColumns(communities), role: memberships.role })
    .from(communities)
    .leftJoin(memberships, and(eq(memberships.communityId, communities.id), eq(memberships.userId, sql.placeholder('userId'))))
    .where(eq(by === 'id' ? communities.id : communities.slug, sql.placeholder('ref')))
    .limit(1);
  const name = `community-context:${by}${lock ? ':lock' : ''}`;
  return lock ? query.for('update', { of: communities }).prepare(name) : query.prepare(name);
}

type ContextStatement = ReturnType<typeof contextQuery>;
const prepared = new WeakMap<object, Record<'id' | 'slug', ContextStatement>>();

function preparedContext(db: DbOrTx, by: 'id' | 'slug'): ContextStatement {
  let mine = prepared.get(db);
  if (!mine) {
    mine = { id: contextQuery(db, 'id', false), slug: contextQuery(db, 'slug', false) };
    prepared.set(db, mine);
  }
  return mine[by];
}

/**
 * Loads a community by slug or id together with the user's membership, in one query.
 * A community the user may not see (a draft) answers COMMUNITY_NOT_FOUND, like a missing one,
 * so drafts do not leak.
 */
export async function loadCommunityContext(
  db: DbOrTx,
  ref: string | number,
  user: CurrentUser | null,
  opts: LoadOptions = {},
): Promise<CommunityContext> {
  const userId = user?.id ?? 0;
  // Every community page and write starts here: outside a transaction, the statement is built once per
  // database handle (building it was most of a feed's Node time) and planned once per connection.
  const rows = opts.forUpdate || db instanceof PgTransaction
    ? await contextQuery(db, typeof ref === 'number' ? 'id' : 'slug', opts.forUpdate === true).execute({ ref, userId })
    : await preparedContext(db, typeof ref === 'number' ? 'id' : 'slug').execute({ ref, userId });
  return contextOf(user, rows[0]);
}

/**
 * The context of a community row read with the user's membership (here or by a statement that reads more beside
 * it, as the community feed's): COMMUNITY_NOT_FOUND when there is no row or the user may not see it.
 */
export function contextOf(user: CurrentUser | null, row: { community: CommunityRecord; role: CommunityRole | null } | undefined): CommunityContext {
  if (!row) throw new AppError('COMMUNITY_NOT_FOUND');
  const role = row.role ?? null;
  const can = communityAbilities(user, row.community, role);
  if (!can.view) throw new AppError('COMMUNITY_NOT_FOUND');
  return { community: row.community, role, can };
}
