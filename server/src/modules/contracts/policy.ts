import type { Pool } from 'pg';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';

/**
 * Contracts and hours. The national admin manages pay scales and assignments. An animator declares
 * their own hours; only the coordinator of the assignment's community (or the national admin) validates
 * them and reads that community's statements.
 */
export function canManageContracts(user: CurrentUser): boolean {
  return isNationalAdmin(user);
}

export async function isCoordinatorOf(pool: Pool, user: CurrentUser, communityId: number): Promise<boolean> {
  const { rows } = await pool.query(
    { name: 'contracts-coordinator', text: `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2 AND role = 'coordinator'`, values: [communityId, user.id] },
  );
  return rows.length > 0;
}

export async function canValidate(pool: Pool, user: CurrentUser, communityId: number): Promise<boolean> {
  return isNationalAdmin(user) || isCoordinatorOf(pool, user, communityId);
}

/** The statement's animator, the community's coordinator and the national admin read it. */
export async function canReadStatement(pool: Pool, user: CurrentUser, statement: { userId: number; communityId: number }): Promise<boolean> {
  return statement.userId === user.id || canValidate(pool, user, statement.communityId);
}
