import type { Pool } from 'pg';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';

/**
 * The animators' network rules. Its events are scheduled and their attendance recorded by the national
 * team; the network itself (events to register for, private space of good practices) is open to whoever
 * animates or coordinates at least one community, and to the national team.
 */
export function canSteerNetwork(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}

export function networkAbilities(user: CurrentUser | null) {
  return { steer: canSteerNetwork(user) };
}

/** One index probe (memberships_user_idx). */
export async function isNetworkStaff(pool: Pool, user: CurrentUser | null): Promise<boolean> {
  if (!user) return false;
  if (isNationalAdmin(user)) return true;
  const { rows } = await pool.query(
    { name: 'network-staff', text: `SELECT 1 FROM memberships WHERE user_id = $1 AND role IN ('animator', 'coordinator') LIMIT 1`, values: [user.id] },
  );
  return rows.length > 0;
}
