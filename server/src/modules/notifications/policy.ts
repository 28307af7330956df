import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole } from '../communities/policy.js';

/** Who may do what around notifications and mentions. */

/** Who belongs to a community is told to its members (and the national team) only. */
export function mentionAbilities(user: CurrentUser | null, role: CommunityRole | null) {
  return { suggest: role !== null || isNationalAdmin(user) };
}
