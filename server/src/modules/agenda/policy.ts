import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { isCommunityStaff, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/**
 * Who keeps a community's agenda. "Actualisation de la rubrique Agenda" is part of the animator's
 * missions: animators, coordinators and the national admin add and change events. Members propose
 * events by posting in the community; the staff decide what enters the agenda, so the agenda stays
 * a curated, reliable list rather than a second feed.
 */

export interface AgendaAccess {
  status: CommunityStatus;
  role: CommunityRole | null;
}

export function canManageAgenda(user: CurrentUser | null, access: AgendaAccess): boolean {
  return user !== null && user.emailVerified && access.status === 'open' && isCommunityStaff(user, access.role);
}

export function agendaAbilities(user: CurrentUser | null, access: AgendaAccess): { create: boolean } {
  return { create: canManageAgenda(user, access) };
}

export function eventAbilities(user: CurrentUser | null, access: AgendaAccess): { edit: boolean } {
  return { edit: canManageAgenda(user, access) };
}

/** Throws the precise reason, so the client can say what to do next. */
export function assertCanManageAgenda(user: CurrentUser | null, access: AgendaAccess): asserts user is CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
  if (!isCommunityStaff(user, access.role)) throw new AppError('FORBIDDEN', 'Seuls l’équipe d’animation et la coordination tiennent l’agenda de cette e-communauté.');
  if (access.status !== 'open') throw new AppError('COMMUNITY_NOT_OPEN');
}
