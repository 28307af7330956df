import type { CurrentUser } from '../../types.js';
import { communityAbilities, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/**
 * Who may do what with questions. Staff rules come from the communities policy:
 * "moderate" is exactly "animator, coordinator or national admin of a visible community".
 */

interface Access {
  status: CommunityStatus;
  role: CommunityRole | null;
}

export function questionAbilities(user: CurrentUser | null, question: { askerId: number }, access: Access) {
  const community = communityAbilities(user, access, access.role);
  // Only the person who asked knows which answer solved their problem.
  return { markSolution: user !== null && user.id === question.askerId && community.post };
}

/** "Questions à traiter", the figures and the deadline rule are staff tools. */
export function canHandleQuestions(can: { moderate: boolean }): boolean {
  return can.moderate;
}
