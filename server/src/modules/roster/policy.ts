import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/** The coordinator and the animators organise their own turns; the national admin can step in. */
export function canSetRoster(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null): boolean {
  return user !== null && user.emailVerified && community.status !== 'draft'
    && (isNationalAdmin(user) || role === 'animator' || role === 'coordinator');
}

export function rosterAbilities(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null) {
  return { set: canSetRoster(user, community, role) };
}

/** Who may be on duty: the community's animation team. */
export function canBeOnDuty(role: CommunityRole | null): boolean {
  return role === 'animator' || role === 'coordinator';
}
