import { useCurrentUser } from '../../api/session';
import { ActionDialog } from './ActionDialog';
import type { ItemType } from './api';

/**
 * "Rétablir" on a hidden post or comment, for the moderators the server allows (`can.moderate`: not
 * their own content, an author below their rank).
 */
export function RestoreButton({ type, id, title, canModerate }: { type: ItemType; id: number; title: string; canModerate: boolean }) {
  const me = useCurrentUser();
  if (!me || !canModerate) return null;
  return (
    <ActionDialog item={{ type, id, title, bodyMd: '', reasons: [] }} action="unhide" isAdmin={me.nationalRole === 'admin'} fromQueue={false} />
  );
}
