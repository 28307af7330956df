import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { named } from '../../lib/named-query.js';
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
export async function isNetworkStaff(db: DbOrTx, user: CurrentUser | null): Promise<boolean> {
  if (!user) return false;
  if (isNationalAdmin(user)) return true;
  const found = await named<{ staff: number }>(db, 'network-staff', sql`
    SELECT 1 AS staff FROM memberships WHERE user_id = ${user.id} AND role IN ('animator', 'coordinator') LIMIT 1`);
  return found.length > 0;
}
