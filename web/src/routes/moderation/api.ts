import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { keys } from '../../api/keys';
import type {
  ActionInput, ActionOutcome, AuditPage, EditReasonInput, Flag, FlagInput, FlagReason, ItemType, ModerationStats, QueuePage, ReasonList,
} from '../../../../common/api/moderation';

/** API client of the moderation module (docs/api.md, "Modération"). */

export type {
  ActionInput, AuditEntry, FlagReason, ItemType, ModerationAction, ModerationStats, QueueItem,
} from '../../../../common/api/moderation';

const mkeys = {
  all: ['moderation'] as const,
  reasons: (all: boolean) => ['moderation', 'reasons', all] as const,
  queue: (slug: string | null) => ['moderation', 'queue', slug ?? '*'] as const,
  audit: (slug: string | null) => ['moderation', 'audit', slug ?? '*'] as const,
  stats: (slug: string | null, from: string, to: string) => ['moderation', 'stats', slug ?? '*', from, to] as const,
};

const base = (slug: string | null) => (slug ? `/communities/${slug}/moderation` : '/moderation');
const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useReasons(all = false, enabled = true) {
  return useQuery({
    queryKey: mkeys.reasons(all),
    queryFn: () => api.get<ReasonList>(`/moderation/reasons${all ? '?all=true' : ''}`).then((r) => r.items),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useFlag(type: ItemType, id: number) {
  return useMutation({
    mutationFn: (input: FlagInput) =>
      api.post<Flag>(`/${type === 'post' ? 'posts' : 'comments'}/${id}/flags`, input),
  });
}

export function useQueue(slug: string | null) {
  return useInfiniteQuery({
    queryKey: mkeys.queue(slug),
    queryFn: ({ pageParam }) => api.get<QueuePage>(`${base(slug)}/queue${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}

export function useAct(type: ItemType, id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ActionInput) => api.post<ActionOutcome>(`/moderation/items/${type}/${id}/actions`, input),
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
    queryFn: ({ pageParam }) => api.get<AuditPage>(`${base(slug)}/audit${qs({ cursor: pageParam })}`),
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
    mutationFn: ({ code, create, ...fields }: EditReasonInput & { code: string; create: boolean }) =>
      create
        ? api.post<FlagReason>('/moderation/reasons', { code, ...fields })
        : api.patch<FlagReason>(`/moderation/reasons/${code}`, fields),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['moderation', 'reasons'] }),
  });
}
