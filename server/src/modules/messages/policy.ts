import type { CurrentUser } from '../../types.js';
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

export function canReviewReportedMessages(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}
