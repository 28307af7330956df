import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole } from '../communities/policy.js';

/**
 * Contracts and hours. The national admin manages pay scales and assignments. An animator declares
 * their own hours; only the coordinator of the assignment's community (or the national admin) validates
 * them and reads that community's statements. Pure functions: the route or the service loads the facts
 * (the assignment, the statement, the person's role in its community) and passes them in.
 */
export function contractsAbilities(user: CurrentUser | null): { manage: boolean } {
  return { manage: isNationalAdmin(user) };
}

/** `role`: the person's role in the community whose hours are concerned (null when not a member). */
function validates(user: CurrentUser | null, role: CommunityRole | null): boolean {
  return isNationalAdmin(user) || (user !== null && role === 'coordinator');
}

/** A community's assignments and statements: read by those who validate its hours. */
export function communityHoursAbilities(user: CurrentUser | null, role: CommunityRole | null): { read: boolean } {
  return { read: validates(user, role) };
}

/** An assignment's hours are declared by its animator only. */
export function assignmentAbilities(user: CurrentUser | null, assignment: { userId: number }): { declare: boolean } {
  return { declare: user !== null && assignment.userId === user.id };
}

/**
 * The statement's animator, the community's coordinator and the national admin read it; the last two validate it
 * (`validate` is the right: a statement already validated is refused by the service, and its button hidden).
 */
export function statementAbilities(
  user: CurrentUser | null, statement: { userId: number }, role: CommunityRole | null,
): { read: boolean; validate: boolean } {
  const validate = validates(user, role);
  return { read: validate || (user !== null && statement.userId === user.id), validate };
}
