import type { CommunityRole, CommunityStatus } from '../api/types';

export const ROLE_LABELS: Record<CommunityRole, string> = {
  member: 'Membre',
  animator: 'Animateur·rice',
  coordinator: 'Coordinateur·rice',
};

export const STATUS_LABELS: Record<CommunityStatus, string> = {
  draft: 'En préparation',
  open: 'Ouverte',
  archived: 'Archivée',
};

export const STATUS_TONES: Record<CommunityStatus, 'warning' | 'success' | 'neutral'> = {
  draft: 'warning',
  open: 'success',
  archived: 'neutral',
};
