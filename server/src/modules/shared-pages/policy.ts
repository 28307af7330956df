import type { CurrentUser } from '../../types.js';
import { communityAbilities, isCommunityStaff, type CommunityRole, type CommunityStatus } from '../communities/policy.js';
import { canEditDossiers } from '../dossiers/policy.js';

/**
 * Co-written pages belong to the community: any member with a verified address writes them in an
 * open community; a locked page is left to the animation team (who lock and unlock it).
 */

export interface PageAccess {
  status: CommunityStatus;
  role: CommunityRole | null;
}

export function canReadPages(user: CurrentUser | null, access: PageAccess): boolean {
  return communityAbilities(user, access, access.role).view;
}

export function canCreatePage(user: CurrentUser | null, access: PageAccess): boolean {
  return communityAbilities(user, access, access.role).post;
}

export function canLockPage(user: CurrentUser | null, access: PageAccess): boolean {
  return user !== null && user.emailVerified && access.status === 'open' && isCommunityStaff(user, access.role);
}

export function canEditPage(user: CurrentUser | null, access: PageAccess, locked: boolean): boolean {
  return locked ? canLockPage(user, access) : canCreatePage(user, access) || canLockPage(user, access);
}

export function pageAbilities(user: CurrentUser | null, access: PageAccess, locked: boolean) {
  const edit = canEditPage(user, access, locked);
  return { edit, lock: canLockPage(user, access), restore: edit };
}

/** What a person may do with the pages of a community as a whole. */
export function communityPageAbilities(user: CurrentUser | null, access: PageAccess) {
  return { create: canCreatePage(user, access) };
}

/** Placing pages in a dossier, or taking them out, is for those who compose its dossiers. */
export function dossierPageAbilities(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null) {
  return { place: canEditDossiers(user, community, role) };
}
