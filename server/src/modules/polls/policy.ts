import type { CurrentUser } from '../../types.js';
import { communityAbilities, isCommunityStaff, type CommunityRole, type CommunityStatus } from '../communities/policy.js';
import type { PollAbilities } from '../../../../common/api/polls.js';

/**
 * Who may do what with a poll. Launching a poll and reporting on it are the animation's job
 * (staff: animators, coordinators, national admin); voting is for members of the community.
 */

export interface PollState {
  communityStatus: CommunityStatus;
  role: CommunityRole | null;
  closed: boolean;
  resultsVisibility: 'live' | 'after_close';
  resultsPostId: number | null;
  voted: boolean;
}

export function canLaunchPoll(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null): boolean {
  return user !== null && user.emailVerified && community.status === 'open' && isCommunityStaff(user, role);
}

/** Launching, closing a poll and publishing its results: the animation of an open community. */
export function pollStaffAbilities(user: CurrentUser | null, community: { status: CommunityStatus }, role: CommunityRole | null) {
  return { launch: canLaunchPoll(user, community, role) };
}

/** Staff follow the answers as they come; others wait for the closing when the animator chose so. */
export function canSeeResults(user: CurrentUser | null, poll: PollState): boolean {
  return isCommunityStaff(user, poll.role) || poll.resultsVisibility === 'live' || poll.closed;
}

export function pollAbilities(user: CurrentUser | null, poll: PollState): PollAbilities {
  const community = communityAbilities(user, { status: poll.communityStatus }, poll.role);
  const staff = canLaunchPoll(user, { status: poll.communityStatus }, poll.role);
  return {
    vote: community.post && !poll.closed && !poll.voted,
    close: staff && !poll.closed,
    publishResults: staff && poll.closed && poll.resultsPostId === null,
    viewFreeText: isCommunityStaff(user, poll.role),
  };
}
