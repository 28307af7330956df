import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../accounts/policy.js';

/** Only the national team resets someone's second factors (the person loses them; the team checks who asks). */
export function canResetFactors(viewer: CurrentUser | null): boolean {
  return isNationalAdmin(viewer);
}

export function mfaAdminAbilities(viewer: CurrentUser | null) {
  return { resetFactors: canResetFactors(viewer) };
}
