import type { CurrentUser } from '../../types.js';
import type { CommunityContext } from '../communities/context.js';
import { AppError } from '../../lib/errors.js';

/**
 * The editorial calendar belongs to a community's staff (animators, coordinator, national admin):
 * the communities policy decides who that is (`can.moderate`).
 */
export function assertCanPlan(user: CurrentUser | null, ctx: CommunityContext): asserts user is CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!ctx.can.moderate) throw new AppError('FORBIDDEN');
}

export function plannedAbilities(status: string): { edit: boolean; cancel: boolean } {
  const open = status === 'draft' || status === 'scheduled';
  return { edit: open, cancel: open };
}
