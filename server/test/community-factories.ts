import type { App } from '../src/types.js';
import type { CommunityRole, CommunityStatus } from '../src/modules/communities/policy.js';
import { unique } from './helpers.js';

export interface FactoryCommunity {
  id: number;
  slug: string;
  name: string;
  status: CommunityStatus;
}

export interface CreateCommunityOptions {
  slug?: string;
  name?: string;
  description?: string;
  /** Default 'open': most tests act in a live community. */
  status?: CommunityStatus;
  launchDate?: string | null;
}

/** Inserts a community directly (no HTTP, no admin needed). */
export async function createCommunity(app: App, opts: CreateCommunityOptions = {}): Promise<FactoryCommunity> {
  const slug = opts.slug ?? unique('c').toLowerCase();
  const name = opts.name ?? `Communauté ${slug}`;
  const status = opts.status ?? 'open';
  const { rows } = await app.pool.query<{ id: number }>(
    `INSERT INTO communities (slug, name, description, status, launch_date) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [slug, name, opts.description ?? 'Une e-communauté de test.', status, opts.launchDate ?? null],
  );
  return { id: rows[0]!.id, slug, name, status };
}

/**
 * Makes the user a member with the given role (default 'member'), keeping member_count exact.
 * Calling it again for the same user only changes the role.
 */
export async function addMember(app: App, communityId: number, userId: number, role: CommunityRole = 'member'): Promise<void> {
  await app.pool.query(
    `WITH ins AS (
       INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (community_id, user_id) DO UPDATE SET role = EXCLUDED.role
       RETURNING (xmax = 0) AS inserted
     )
     UPDATE communities SET member_count = member_count + 1
      WHERE id = $1 AND (SELECT inserted FROM ins)`,
    [communityId, userId, role],
  );
}
