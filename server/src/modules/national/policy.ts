import type { CurrentUser } from '../../types.js';
import { isCommunityStaff, isNationalAdmin, type CommunityRole } from '../communities/policy.js';

/**
 * National steering rules. The national dashboard and the creation wizard belong to the national team
 * (the animators' network has its own rules, in modules/network/policy.ts).
 */
export function nationalAbilities(user: CurrentUser | null) {
  return { steer: isNationalAdmin(user) };
}

/** A community's audience figures: its animation team (and the national team). */
export function audienceAbilities(user: CurrentUser | null, role: CommunityRole | null) {
  return { view: isCommunityStaff(user, role) };
}
