import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { keys } from '../../api/keys';
import type { CommunityRef, Page, UserRef } from '../../api/types';

/** API client of the moderation module (docs/api.md, "Modération"). */

export interface FlagReason {
  code: string;
  label: string;
  description: string;
  article: string;
  active: boolean;
  position: number;
}

export type ItemType = 'post' | 'comment';
export type ModerationAction = 'keep' | 'hide' | 'unhide' | 'edit' | 'anonymise' | 'delete' | 'warn' | 'suspend' | 'ban';

export interface QueueItem {
  type: ItemType;
  id: number;
  postId: number;
  community: CommunityRef;
  title: string;
  excerpt: string;
  bodyMd: string;
  link: string;
  createdAt: string;
  hidden: boolean;
  deleted: boolean;
  moderated: boolean;
  author: UserRef & {
    postCount: number;
    commentCount: number;
    actions: Record<string, number>;
    suspendedUntil: string | null;
    banned: boolean;
  };
  flagCount: number;
  reasons: { code: string; label: string; article: string; count: number }[];
  reporters: (UserRef & { reasonCode: string; comment: string; createdAt: string })[];
  oldestFlagAt: string;
  /** The decisions the server lets the current user take on this item (rank, own content, ban). */
  can: { actions: ModerationAction[] };
}

export interface AuditEntry {
  id: number;
  createdAt: string;
  community: CommunityRef | null;
  actor: UserRef;
  /** A decision on content or its author, or a change to the reasons list (network log). */
  action: ModerationAction | 'reason_create' | 'reason_update';
  targetType: string;
  targetId: number;
  targetUser: UserRef | null;
  reason: { code: string; label: string; article: string } | null;
  message: string;
  before: unknown;
  after: unknown;
}

export interface ModerationStats {
  period: { from: string; to: string };
  flagsReceived: number;
  flagsHandled: number;
  pending: number;
  medianHandleSeconds: number | null;
  actions: { action: ModerationAction; count: number }[];
  series: { unit: 'day' | 'week' | 'month'; buckets: { start: string; received: number; handled: number }[] };
}

export interface ActionInput {
  action: ModerationAction;
  reasonCode?: string;
  message?: string;
  body?: string;
  days?: number;
  fromQueue?: boolean;
}

const mkeys = {
  all: ['moderation'] as const,
  reasons: (all: boolean) => ['moderation', 'reasons', all] as const,
  queue: (slug: string | null) => ['moderation', 'queue', slug ?? '*'] as const,
  audit: (slug: string | null) => ['moderation', 'audit', slug ?? '*'] as const,
  stats: (slug: string | null, from: string, to: string) => ['moderation', 'stats', slug ?? '*', from, to] as const,
};

const base = (slug: string | null) => (slug ? `/communities/${slug}/moderation` : '/moderation');
const nextCursor = <T,>(last: Page<T>) => last.nextCursor ?? undefined;

export function useReasons(all = false, enabled = true) {
  return useQuery({
    queryKey: mkeys.reasons(all),
    queryFn: () => api.get<{ items: FlagReason[] }>(`/moderation/reasons${all ? '?all=true' : ''}`).then((r) => r.items),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useFlag(type: ItemType, id: number) {
  return useMutation({
    mutationFn: (input: { reasonCode: string; comment?: string }) =>
      api.post<{ id: number }>(`/${type === 'post' ? 'posts' : 'comments'}/${id}/flags`, input),
  });
}

export function useQueue(slug: string | null) {
  return useInfiniteQuery({
    queryKey: mkeys.queue(slug),
    queryFn: ({ pageParam }) => api.get<Page<QueueItem>>(`${base(slug)}/queue${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useAct(type: ItemType, id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ActionInput) => api.post<{ auditId: number; handledFlags: number }>(`/moderation/items/${type}/${id}/actions`, input),
    // Whatever happened (done, or handled by someone else meanwhile), the queue must be read again,
    // and so must the item where it is shown (a restored post, a hidden comment).
    onSettled: () => Promise.all([
      qc.invalidateQueries({ queryKey: mkeys.all }),
      qc.invalidateQueries({ queryKey: keys.postsAll }),
      qc.invalidateQueries({ queryKey: ['post'] }),
    ]),
  });
}

export function useAudit(slug: string | null) {
  return useInfiniteQuery({
    queryKey: mkeys.audit(slug),
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>(`${base(slug)}/audit${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useModerationStats(slug: string | null, from: string, to: string) {
  return useQuery({
    queryKey: mkeys.stats(slug, from, to),
    queryFn: () => api.get<ModerationStats>(`${base(slug)}/stats${qs({ from, to })}`),
  });
}

export function useSaveReason() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, create, ...fields }: Partial<FlagReason> & { code: string; create: boolean }) =>
      create
        ? api.post<FlagReason>('/moderation/reasons', { code, ...fields })
        : api.patch<FlagReason>(`/moderation/reasons/${code}`, fields),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['moderation', 'reasons'] }),
  });
}
