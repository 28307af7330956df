import type { CurrentUser } from '../../types.js';

/** Legal pages commit the publisher: only the national steering team edits them. */
export function canEditLegalPage(viewer: CurrentUser | null): boolean {
  return viewer?.nationalRole === 'admin';
}

/** The dev outbox holds other people's links (verification, reset): national admin only. */
export function canReadOutbox(viewer: CurrentUser | null): boolean {
  return viewer?.nationalRole === 'admin';
}

export function pageAbilities(viewer: CurrentUser | null) {
  return { edit: canEditLegalPage(viewer) };
}

export function outboxAbilities(viewer: CurrentUser | null) {
  return { read: canReadOutbox(viewer) };
}
