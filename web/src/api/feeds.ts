import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { FeedTokenState, NewFeedToken } from '../../../common/api/feeds';

/**
 * The member's private subscription addresses (« mon agenda » .ics and the Atom feed of my communities).
 * One secret serves both; the server keeps only its hash, so the addresses are known only in the answer
 * that made them.
 */
export type { FeedTokenState, NewFeedToken };

const feedTokenKey = ['me', 'feed-token'] as const;

export function useFeedToken() {
  return useQuery({ queryKey: feedTokenKey, queryFn: () => api.get<FeedTokenState>('/me/feed-token') });
}

export function useRenewFeedToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<NewFeedToken>('/me/feed-token'),
    onSuccess: (data) => qc.setQueryData(feedTokenKey, { createdAt: data.createdAt }),
  });
}

export function useRevokeFeedToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<FeedTokenState>('/me/feed-token'),
    onSuccess: (data) => qc.setQueryData(feedTokenKey, data),
  });
}
