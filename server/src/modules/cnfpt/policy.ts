import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityAbilities, type CommunityRole } from '../communities/policy.js';
import { canManageVeille } from '../veille/policy.js';

/**
 * The national CNFPT sources are set up by the national team only. Their items reach each
 * community's veille inbox, which stays the animation team's (veille/policy.ts).
 */
export function canConfigureCnfptSources(user: CurrentUser | null): boolean {
  return isNationalAdmin(user);
}

export function cnfptAbilities(user: CurrentUser | null): { configureSources: boolean } {
  return { configureSources: canConfigureCnfptSources(user) };
}

/** A community's CNFPT inbox is part of its veille: its animation team promotes or dismisses the resources. */
export function cnfptInboxAbilities(user: CurrentUser | null, ctx: { role: CommunityRole | null; can: Pick<CommunityAbilities, 'view'> }): { manage: boolean } {
  return { manage: canManageVeille(user, ctx.role, ctx.can.view) };
}
