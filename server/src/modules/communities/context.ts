import { and, eq, getTableColumns } from 'drizzle-orm';
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
  const query = db
    .select({ community: getTableColumns(communities), role: memberships.role })
    .from(communities)
    .leftJoin(memberships, and(eq(memberships.communityId, communities.id), eq(memberships.userId, user?.id ?? 0)))
    .where(typeof ref === 'number' ? eq(communities.id, ref) : eq(communities.slug, ref))
    .limit(1);
  // Named (planned once per connection): every community page and write starts here.
  const name = `community-context:${typeof ref === 'number' ? 'id' : 'slug'}${opts.forUpdate ? ':lock' : ''}`;
  const rows = opts.forUpdate
    ? await query.for('update', { of: communities }).prepare(name).execute()
    : await query.prepare(name).execute();
  const row = rows[0];
  if (!row) throw new AppError('COMMUNITY_NOT_FOUND');
  const role = row.role ?? null;
  const can = communityAbilities(user, row.community, role);
  if (!can.view) throw new AppError('COMMUNITY_NOT_FOUND');
  return { community: row.community, role, can };
}
