import type { CommunityContext } from '../communities/context.js';

/**
 * The editorial calendar belongs to a community's staff (animators, coordinator, national admin):
 * the communities policy decides who that is (`can.moderate`).
 */
export function calendarAbilities(ctx: Pick<CommunityContext, 'can'>): { plan: boolean } {
  return { plan: ctx.can.moderate };
}

export function plannedAbilities(status: string): { edit: boolean; cancel: boolean } {
  const open = status === 'draft' || status === 'scheduled';
  return { edit: open, cancel: open };
}
