import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';

/**
 * Who sees what of a member. The directory and profiles are for signed-in members only (`config: { auth: 'user' }`
 * on their routes); each detail (employer, job, territory, e-mail) is shown to others only when its owner chose to.
 */

export interface Visibility {
  showEmployer: boolean;
  showJob: boolean;
  showTerritory: boolean;
  showEmail: boolean;
}

/** The owner always sees their own details, so they can check what they chose to share. */
export function visibleFields(viewer: CurrentUser, ownerId: number, v: Visibility): Visibility {
  if (viewer.id === ownerId) return { showEmployer: true, showJob: true, showTerritory: true, showEmail: true };
  return v;
}

/** Drafts' posts and memberships stay with the people preparing them, like the drafts themselves. */
export function seesDraftCommunities(viewer: CurrentUser, ownerId: number): boolean {
  return viewer.id === ownerId || isNationalAdmin(viewer);
}

export function profileAbilities(viewer: CurrentUser, ownerId: number, blockedMe: boolean) {
  const other = viewer.id !== ownerId;
  return { edit: !other, message: other && !blockedMe, block: other };
}
