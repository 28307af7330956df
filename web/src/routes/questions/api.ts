import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { keys } from '../../api/keys';
import type {
  DeadlineRule, DeadlineSettings, PendingPage, Question, Stats, Suggestions,
} from '../../../../common/api/questions';

/** API client of the questions module (docs/api.md, "Questions"). */

export type { DeadlineMode, PendingQuestion, QuestionStatus, Stats } from '../../../../common/api/questions';

export const qkeys = {
  question: (postId: number) => ['post', postId, 'question'] as const,
  pending: (slug: string) => ['questions', 'pending', slug] as const,
  pendingAll: ['questions'] as const,
  stats: (slug: string, from: string, to: string) => ['questions', 'stats', slug, from, to] as const,
  settings: (slug: string) => ['questions', 'settings', slug] as const,
  suggest: (slug: string, q: string, related = false) => ['questions', 'suggest', slug, q, related] as const,
};

export function useQuestion(postId: number, enabled = true) {
  return useQuery({
    queryKey: qkeys.question(postId),
    queryFn: () => api.get<Question>(`/posts/${postId}/question`),
    enabled: enabled && postId > 0,
  });
}

export function useMarkSolution(postId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (commentId: number) => api.put<Question>(`/questions/${postId}/solution`, { commentId }),
    onSuccess: (q) => {
      qc.setQueryData(qkeys.question(postId), q);
      void qc.invalidateQueries({ queryKey: qkeys.pendingAll });
    },
  });
}

/** "" = every community I handle (GET /api/questions/pending). */
export function usePending(slug: string) {
  return useInfiniteQuery({
    queryKey: qkeys.pending(slug),
    queryFn: ({ pageParam }) =>
      api.get<PendingPage>(`${slug ? `/communities/${slug}` : ''}/questions/pending${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStats(slug: string, from: string, to: string) {
  return useQuery({
    queryKey: qkeys.stats(slug, from, to),
    queryFn: () => api.get<Stats>(`/communities/${slug}/questions/stats${qs({ from, to })}`),
    enabled: from !== '' && to !== '',
    retry: false,
  });
}

export function useDeadlineSettings(slug: string) {
  return useQuery({ queryKey: qkeys.settings(slug), queryFn: () => api.get<DeadlineSettings>(`/communities/${slug}/questions/settings`) });
}

export function useSaveDeadlineSettings(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rule: DeadlineRule) => api.put<DeadlineSettings>(`/communities/${slug}/questions/settings`, rule),
    onSuccess: (s) => qc.setQueryData(qkeys.settings(slug), s),
  });
}

/** Posts whose title contains `q`; with `related`, those of the related communities too (citing in an answer). */
export function useSuggest(slug: string, q: string, related = false) {
  const term = q.trim();
  return useQuery({
    queryKey: qkeys.suggest(slug, term, related),
    queryFn: () => api.get<Suggestions>(`/communities/${slug}/posts/suggest${qs({ q: term, related: related ? 'true' : undefined })}`),
    enabled: term.length >= 2,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** Comments of a question change its state: refresh it with them. */
export function useQuestionRefresh() {
  const qc = useQueryClient();
  return (postId: number) => {
    void qc.invalidateQueries({ queryKey: qkeys.question(postId) });
    void qc.invalidateQueries({ queryKey: qkeys.pendingAll });
  };
}

export { keys };
