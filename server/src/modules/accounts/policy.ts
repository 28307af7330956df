import type { CurrentUser } from '../../types.js';

/**
 * Who may do what with a member's account.
 * Profiles hold professional details: they are shown to signed-in members only, never to the public
 * (`config: { auth: 'user' }` on their routes).
 */
/** A profile is edited by its owner only (through /api/me). */
export function canEditProfile(viewer: CurrentUser | null, userId: number): boolean {
  return viewer !== null && viewer.id === userId;
}

export function isNationalAdmin(viewer: CurrentUser | null): boolean {
  return viewer?.nationalRole === 'admin';
}

/** Memberships of draft communities stay hidden from others, like the communities themselves. */
export function canSeeDraftMemberships(viewer: CurrentUser | null, userId: number): boolean {
  return canEditProfile(viewer, userId) || isNationalAdmin(viewer);
}

export function profileAbilities(viewer: CurrentUser | null, userId: number) {
  return { edit: canEditProfile(viewer, userId) };
}
