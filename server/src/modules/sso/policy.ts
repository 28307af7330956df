import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';

/** The security journal (refused ProConnect callbacks) is the national team's, like the network's audit log. */
export function canReadSecurityEvents(user: CurrentUser): boolean {
  return isNationalAdmin(user);
}

export function securityEventsAbilities(user: CurrentUser) {
  return { read: canReadSecurityEvents(user) };
}
