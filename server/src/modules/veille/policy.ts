import { isCommunityStaff, type CommunityRole } from '../communities/policy.js';
import type { CurrentUser } from '../../types.js';

/**
 * Veille sources and their inbox are editorial tools of the animation team: animators and
 * coordinators of the community (and the national team), nobody else, and not in a draft they cannot see.
 */
export function canManageVeille(user: CurrentUser | null, role: CommunityRole | null, canView: boolean): boolean {
  return canView && isCommunityStaff(user, role);
}

export function veilleAbilities(user: CurrentUser | null, role: CommunityRole | null, canView: boolean) {
  return { manage: canManageVeille(user, role, canView) };
}
