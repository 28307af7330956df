import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { CreatePollInput, Poll, PollSummaryPage, VoteInput } from '../../../../common/api/polls';

/** Typed client of the polls API (GET/POST /api/polls/..., /api/communities/:slug/polls). */

export type { Poll };

export const pollKeys = {
  poll: (postId: number) => ['polls', 'one', postId] as const,
  list: (slug: string) => ['polls', 'community', slug] as const,
  all: ['polls'] as const,
};

export function usePoll(postId: number) {
  return useQuery({ queryKey: pollKeys.poll(postId), queryFn: () => api.get<Poll>(`/polls/${postId}`) });
}

export function useCommunityPolls(slug: string) {
  return useInfiniteQuery({
    queryKey: pollKeys.list(slug),
    queryFn: ({ pageParam }) => api.get<PollSummaryPage>(`/communities/${slug}/polls${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function usePollMutation<I>(postId: number, run: (input: I) => Promise<Poll>, postsChanged = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (poll) => {
      qc.setQueryData(pollKeys.poll(postId), poll);
      void qc.invalidateQueries({ queryKey: pollKeys.list(poll.community.slug) });
      // A published report is a new post in the community's feeds.
      if (postsChanged) void qc.invalidateQueries({ queryKey: ['posts'] });
    },
  });
}

export function useVote(postId: number) {
  return usePollMutation(postId, (input: VoteInput) => api.create<Poll>(`/polls/${postId}/vote`, input));
}

export function useClosePoll(postId: number) {
  return usePollMutation(postId, () => api.post<Poll>(`/polls/${postId}/close`));
}

export function usePublishResults(postId: number) {
  return usePollMutation(postId, (commentary: string) => api.post<Poll>(`/polls/${postId}/publish-results`, { commentary }), true);
}

export function useCreatePoll(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePollInput) => api.create<Poll>(`/communities/${slug}/polls`, input),
    onSuccess: (poll) => {
      qc.setQueryData(pollKeys.poll(poll.postId), poll);
      void qc.invalidateQueries({ queryKey: pollKeys.list(slug) });
      void qc.invalidateQueries({ queryKey: ['posts'] });
      void qc.invalidateQueries({ queryKey: ['communities', 'one', slug] });
    },
  });
}

