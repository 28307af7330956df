import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { Ok } from '../../api/types';
import type {
  DossierFollowing, Following, Notification, NotificationPage, UnreadCount,
} from '../../../../common/api/notifications';

export type { Notification } from '../../../../common/api/notifications';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
  count: ['notifications', 'count'] as const,
  follow: (slug: string) => ['notifications', 'follow', slug] as const,
  dossierFollow: (id: number) => ['notifications', 'follow-dossier', id] as const,
};

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => api.get<UnreadCount>('/notifications/unread-count'),
    enabled,
  });
}

export function useNotifications(enabled = true) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam }) => api.get<NotificationPage>(`/notifications${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Ok>(`/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<UnreadCount>('/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useFollow(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.follow(slug),
    queryFn: () => api.get<Following>(`/communities/${slug}/follow`),
    enabled,
  });
}

export function useSetFollow(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (following: boolean) => api.put<Following>(`/communities/${slug}/follow`, { following }),
    onSuccess: (data) => qc.setQueryData(notificationKeys.follow(slug), data),
  });
}

/**
 * Live updates: one EventSource per tab while signed in. The browser reconnects by itself and sends
 * Last-Event-ID, so the server replays what was missed; each message refreshes the bell and lists.
 */
export function useNotificationStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    const refresh = () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
    const open = () => {
      const es = new EventSource('/api/notifications/stream');
      es.addEventListener('notification', refresh);
      // Private messages (messages module) travel on the same stream: refresh inbox, badge and open conversation.
      es.addEventListener('private-message', () => void qc.invalidateQueries({ queryKey: ['messages'] }));
      // After a reconnect, counts may have changed elsewhere (read in another tab).
      es.addEventListener('open', refresh);
      es.addEventListener('open', () => void qc.invalidateQueries({ queryKey: ['messages'] }));
      // Too many tabs open: the server closed this, the oldest one. Reconnecting at once would close another tab's;
      // the stream comes back when the tab is looked at again.
      es.addEventListener('replaced', () => {
        es.close();
        source = null;
      });
      source = es;
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible' && !source) open();
    };
    open();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      source?.close();
    };
  }, [enabled, qc]);
}

export function useDossierFollow(id: number, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.dossierFollow(id),
    queryFn: () => api.get<DossierFollowing>(`/dossiers/${id}/follow`),
    enabled,
  });
}

export function useSetDossierFollow(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (following: boolean) => api.put<Following>(`/dossiers/${id}/follow`, { following }),
    onSuccess: (data) => qc.setQueryData(notificationKeys.dossierFollow(id), { following: data.following, canFollow: true }),
  });
}

const KIND_TEXT: Record<string, string> = {
  reply_post: 'a répondu à votre publication',
  reply_comment: 'a répondu à votre commentaire',
  answer: 'a répondu à votre question',
  mention: 'vous a mentionné·e',
  new_post: 'a publié dans une e-communauté que vous suivez',
  new_question: 'a posé une nouvelle question',
  new_flag: 'Nouveau signalement à examiner',
  moderation: 'Décision de la modération sur votre contenu',
  dossier_post: 'a une publication ajoutée à un dossier que vous suivez',
  veille_source_broken: 'Une source de veille ne répond plus',
  added_to_community: 'vous a inscrit·e dans une e-communauté (import de liste)',
};

/** The sentence a person reads for one notification. */
export function describe(n: Notification): string {
  const text = KIND_TEXT[n.kind] ?? 'Nouvelle activité';
  if (n.kind === 'new_flag' || n.kind === 'moderation' || n.kind === 'veille_source_broken' || !n.actor) return text;
  return `${n.actor.name} ${text}`;
}
