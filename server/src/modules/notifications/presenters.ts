import type { NotificationOut } from '../../../../common/api/notifications.js';
import type { NotificationRow } from './service.js';

/** The public shape of a notification; `link` is the page it leads to in the web client. */
export function presentNotification(r: NotificationRow): NotificationOut {
  const link = r.kind === 'veille_source_broken' && r.community_slug
    ? `/communautes/${r.community_slug}/veille`
    : r.post_id
      ? `/publications/${r.post_id}${r.comment_id ? `#commentaire-${r.comment_id}` : ''}`
      : r.community_slug ? `/communautes/${r.community_slug}` : '/notifications';
  return {
    id: r.id,
    kind: r.kind,
    createdAt: new Date(r.created_at).toISOString(),
    read: r.read_at !== null,
    title: r.data?.title ?? '',
    action: r.data?.action ?? null,
    actor: r.actor_id ? { id: r.actor_id, name: `${r.actor_first_name ?? ''} ${r.actor_last_name ?? ''}`.trim() } : null,
    community: r.community_slug ? { slug: r.community_slug, name: r.community_name ?? '' } : null,
    postId: r.post_id,
    commentId: r.comment_id,
    link,
  };
}
