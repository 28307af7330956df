import type { CurrentUser } from '../../types.js';
import { isCommunityStaff, isNationalAdmin, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/**
 * Any member may invite colleagues (every member is an ambassador); the staff see every
 * invitation of the community and its figures, and may revoke any of them.
 */
export function canInvite(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null): boolean {
  return user !== null && user.emailVerified && community.status === 'open' && (role !== null || isNationalAdmin(user));
}

export function canSeeAllInvitations(user: CurrentUser | null, role: CommunityRole | null): boolean {
  return isCommunityStaff(user, role);
}

export function canRevoke(user: CurrentUser | null, role: CommunityRole | null, invitation: { inviter_id: number }): boolean {
  return user !== null && (user.id === invitation.inviter_id || isCommunityStaff(user, role));
}

/** What the person may do with a community's invitations: `invite` colleagues, `seeAll` of them and their figures. */
export function invitationAbilities(
  user: CurrentUser | null, ctx: { community: { status: CommunityStatus }; role: CommunityRole | null },
): { invite: boolean; seeAll: boolean } {
  return { invite: canInvite(user, ctx.community, ctx.role), seeAll: canSeeAllInvitations(user, ctx.role) };
}
