import { useCurrentUser } from '../../api/session';
import { ActionDialog } from './ActionDialog';
import type { ItemType } from './api';

/**
 * "Rétablir" on a hidden post or comment. Only its author and the moderators see a hidden item with
 * its reason, and the author does not restore their own content: whoever else sees it here moderates.
 */
export function RestoreButton({ type, id, title, authorId }: { type: ItemType; id: number; title: string; authorId: number }) {
  const me = useCurrentUser();
  if (!me || me.id === authorId) return null;
  return (
    <ActionDialog item={{ type, id, title, bodyMd: '', reasons: [] }} action="unhide" isAdmin={me.nationalRole === 'admin'} fromQueue={false} />
  );
}
