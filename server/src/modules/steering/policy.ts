import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole } from '../communities/policy.js';

/**
 * Steering rules. An animator reads their own figures; the community's coordinator and the
 * national admin read every animator's and set the targets. Nobody reads another community's.
 */
export function canReadAnimator(user: CurrentUser, role: CommunityRole | null, animatorId: number): boolean {
  if (isNationalAdmin(user) || role === 'coordinator') return true;
  return role === 'animator' && user.id === animatorId;
}

export function canSteerTeam(user: CurrentUser, role: CommunityRole | null): boolean {
  return isNationalAdmin(user) || role === 'coordinator';
}

export function steeringAbilities(user: CurrentUser, role: CommunityRole | null) {
  const team = canSteerTeam(user, role);
  return { setTarget: team, readTeam: team };
}
