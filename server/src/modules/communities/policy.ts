import type { CurrentUser } from '../../types.js';

/**
 * The rules for communities, written once. Other modules (posts, questions, agenda...) import
 * these functions rather than re-deciding who may post or moderate in a community.
 */

export type CommunityRole = 'member' | 'animator' | 'coordinator';
export type CommunityStatus = 'draft' | 'open' | 'archived';

export const COMMUNITY_ROLES: readonly CommunityRole[] = ['member', 'animator', 'coordinator'];

/** Fields a coordinator may change; everything else is the national team's decision. */
export const EDITORIAL_FIELDS = ['description', 'perimeter', 'targetAudience', 'editorialLine', 'relatedIds'] as const;

export interface CommunityAbilities {
  view: boolean;
  /** Any field, status and slug included. */
  edit: boolean;
  /** The editorial fields only (EDITORIAL_FIELDS). */
  editEditorial: boolean;
  join: boolean;
  leave: boolean;
  post: boolean;
  moderate: boolean;
  /** The community's moderation log: its coordinators and the national team, not its animators. */
  readModerationAudit: boolean;
  appointCoordinator: boolean;
  appointAnimator: boolean;
}

export function isNationalAdmin(user: CurrentUser | null): boolean {
  return user?.nationalRole === 'admin';
}

/** Animators and coordinators run the community day to day; the national admin can step in anywhere. */
export function isCommunityStaff(user: CurrentUser | null, role: CommunityRole | null): boolean {
  return isNationalAdmin(user) || role === 'animator' || role === 'coordinator';
}

/** What the person may do across the network, outside any one community. */
export function networkAbilities(user: CurrentUser | null): { createCommunity: boolean } {
  return { createCommunity: isNationalAdmin(user) };
}

export function communityAbilities(
  user: CurrentUser | null,
  community: { status: CommunityStatus },
  role: CommunityRole | null,
): CommunityAbilities {
  const admin = isNationalAdmin(user);
  const coordinator = role === 'coordinator';
  const open = community.status === 'open';
  // Drafts are being prepared: only the people preparing them see them.
  const view = community.status !== 'draft' || admin || coordinator;
  return {
    view,
    edit: admin,
    editEditorial: admin || (view && coordinator),
    join: view && user !== null && role === null && open,
    leave: user !== null && role !== null,
    // Posting needs a verified address so that fresh registrations cannot be used to spam.
    post: open && user !== null && user.emailVerified && role !== null,
    moderate: view && isCommunityStaff(user, role),
    readModerationAudit: admin || coordinator,
    appointCoordinator: admin,
    appointAnimator: admin || (view && coordinator),
  };
}

/**
 * May `user` (whose role in the community is `actorRole`) give `targetUser` the role `newRole`,
 * `currentRole` being the target's present role (null if not a member)?
 * A coordinator names and removes animators but never touches coordinators.
 */
export function canSetRole(
  user: CurrentUser | null,
  actorRole: CommunityRole | null,
  currentRole: CommunityRole | null,
  newRole: CommunityRole,
): boolean {
  if (isNationalAdmin(user)) return true;
  if (actorRole !== 'coordinator') return false;
  return newRole !== 'coordinator' && currentRole !== 'coordinator';
}

/** True when the change touches only fields a coordinator may edit. */
export function onlyEditorialFields(change: Record<string, unknown>): boolean {
  return Object.keys(change).every((key) => change[key] === undefined || (EDITORIAL_FIELDS as readonly string[]).includes(key));
}
