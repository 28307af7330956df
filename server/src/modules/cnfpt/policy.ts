import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';

/**
 * The national CNFPT sources are set up by the national team only. Their items reach each
 * community's veille inbox, which stays the animation team's (veille/policy.ts).
 */
export function canConfigureCnfptSources(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}
