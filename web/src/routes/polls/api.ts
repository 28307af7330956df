import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { Page } from '../../api/types';

/** Typed client of the polls API (GET/POST /api/polls/..., /api/communities/:slug/polls). */

export interface PollOption {
  id: number;
  label: string;
  count: number | null;
  percent: number | null;
}

export interface Poll {
  postId: number;
  community: { id: number; slug: string; name: string };
  title: string;
  multiple: boolean;
  allowFreeText: boolean;
  closesAt: string;
  closed: boolean;
  resultsVisibility: 'live' | 'after_close';
  resultsVisible: boolean;
  totalVoters: number | null;
  options: PollOption[];
  myVote: { optionIds: number[]; freeText: string | null; createdAt: string } | null;
  freeText: { count: number; items: { text: string; createdAt: string }[]; nextCursor: string | null } | null;
  resultsPost: { id: number; title: string } | null;
  can: { vote: boolean; close: boolean; publishResults: boolean; viewFreeText: boolean };
}

export interface PollSummary {
  postId: number;
  title: string;
  multiple: boolean;
  closesAt: string;
  closed: boolean;
  totalVoters: number;
  createdAt: string;
  resultsPostId: number | null;
}

export interface NewPoll {
  title: string;
  body?: string;
  options: string[];
  multiple: boolean;
  allowFreeText: boolean;
  closesAt: string;
  resultsVisibility: 'live' | 'after_close';
}

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
    queryFn: ({ pageParam }) => api.get<Page<PollSummary>>(`/communities/${slug}/polls${qs({ cursor: pageParam })}`),
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
  return usePollMutation(postId, (input: { optionIds: number[]; freeText?: string }) => api.create<Poll>(`/polls/${postId}/vote`, input));
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
    mutationFn: (input: NewPoll) => api.create<Poll>(`/communities/${slug}/polls`, input),
    onSuccess: (poll) => {
      qc.setQueryData(pollKeys.poll(poll.postId), poll);
      void qc.invalidateQueries({ queryKey: pollKeys.list(slug) });
      void qc.invalidateQueries({ queryKey: ['posts'] });
      void qc.invalidateQueries({ queryKey: ['communities', 'one', slug] });
    },
  });
}

