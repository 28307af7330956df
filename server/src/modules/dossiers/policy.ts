import type { CurrentUser } from '../../types.js';
import { isCommunityStaff, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/** Dossiers are the animation's editorial work: staff make them, everyone who sees the community reads them. */
export function canEditDossiers(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null): boolean {
  return user !== null && user.emailVerified && community.status === 'open' && isCommunityStaff(user, role);
}

export function dossierAbilities(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null) {
  const edit = canEditDossiers(user, community, role);
  return { edit, delete: edit };
}
