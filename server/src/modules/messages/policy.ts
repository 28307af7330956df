import type { CurrentUser } from '../../types.js';
import { LIMITS } from '../../../../common/limits.js';
import { isNationalAdmin } from '../communities/policy.js';

/**
 * Messages are private: only the people in a conversation read it. No role (animator, coordinator,
 * national team) opens a conversation; the national team sees a message only once it is reported,
 * and then that message alone.
 */

/** A participant writes, unless someone in the conversation has blocked them. */
export function canSend(blockedBySomeone: boolean): boolean {
  return !blockedBySomeone;
}

/**
 * What a participant may change in the conversation: only a group changes (a direct conversation
 * keeps its pair; a new group is started instead), and only while there is room to add someone.
 */
export function groupCan(kind: 'direct' | 'group', participantCount: number) {
  const group = kind === 'group';
  return { addParticipants: group && participantCount < LIMITS.conversationMembersMax, rename: group, leave: group };
}

export function canReviewReportedMessages(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}

/** The national team's queue of reported messages (each message alone) and its decisions. */
export function reportedMessagesAbilities(user: CurrentUser | null) {
  return { review: canReviewReportedMessages(user) };
}
