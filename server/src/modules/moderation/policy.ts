import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityAbilities, type CommunityRole } from '../communities/policy.js';
import type { ModerationAction } from './schema.js';

/**
 * Who moderates what. Animators and coordinators moderate their community (the communities
 * policy's `moderate`), the national team moderates everywhere and alone bans from the network.
 */

export function canModerate(can: CommunityAbilities): boolean {
  return can.moderate;
}

/** The audit log of a community is read by its coordinator and the national team (not animators). */
export function canReadCommunityAudit(user: CurrentUser | null, role: CommunityRole | null): boolean {
  return isNationalAdmin(user) || role === 'coordinator';
}

export function canAct(user: CurrentUser, can: CommunityAbilities, action: ModerationAction): boolean {
  if (!can.moderate) return false;
  return action === 'ban' ? isNationalAdmin(user) : true;
}

/** Actions aimed at the author rather than the item: no one aims them at themself. */
export function targetsAuthor(action: ModerationAction): boolean {
  return action === 'warn' || action === 'suspend' || action === 'ban';
}

/** Reasons are the national administrator's to edit. */
export function canEditReasons(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}
