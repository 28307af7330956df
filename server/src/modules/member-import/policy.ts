import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/**
 * Who brings members in. A CSV list goes into a community the national team runs (any) or the person coordinates;
 * never into an archived one. The welcome campaign of imports (figures, pause, resending) is the national team's.
 */
export function canImportInto(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null): boolean {
  if (!user || community.status === 'archived') return false;
  return isNationalAdmin(user) || role === 'coordinator';
}

export function canManageWelcomeCampaign(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}

export function welcomeCampaignAbilities(user: CurrentUser | null) {
  return { manage: canManageWelcomeCampaign(user) };
}

/** Importing at all: at least one community to import into (importableCommunities). */
export function importAbilities(communities: readonly ImportTarget[]) {
  return { import: communities.length > 0 };
}

export interface ImportTarget { id: number; slug: string; name: string }

/** The communities this person may import into (canImportInto), by name: one indexed query. */
export async function importableCommunities(db: DbOrTx, user: CurrentUser): Promise<ImportTarget[]> {
  const { rows } = await db.execute<{ id: number; slug: string; name: string; status: CommunityStatus; role: CommunityRole | null }>(sql`
    SELECT c.id, c.slug, c.name, c.status, m.role
      FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${user.id}
     WHERE ${isNationalAdmin(user)} OR m.role = 'coordinator'
     ORDER BY c.name, c.id`);
  return rows.filter((r) => canImportInto(user, r, r.role)).map((r) => ({ id: Number(r.id), slug: r.slug, name: r.name }));
}
