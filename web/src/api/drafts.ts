import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import type { Page } from './types';

/** Where a draft will be published (server: drafts/place.ts). */
export type DraftPlace = `post:${number}` | `comment:${number}` | `message:${number}` | `report:${number}:${string}`;

export interface Draft {
  place: string;
  title: string;
  body: string;
  updatedAt: string;
}

export interface DraftSummary {
  place: string;
  kind: 'post' | 'comment' | 'message' | 'report';
  title: string;
  excerpt: string;
  updatedAt: string;
  target: { label: string; url: string | null } | null;
  /** Why it can no longer be published where it was written, in French; null while it can. */
  unavailable: string | null;
}

export const draftKeys = {
  all: ['drafts'] as const,
  list: ['drafts', 'list'] as const,
  one: (place: string) => ['drafts', 'one', place] as const,
};

export const draftApi = {
  get: (place: string) => api.get<{ draft: Draft | null }>(`/drafts/${place}`),
  save: (place: string, input: { title?: string; body: string }) =>
    api.put<{ saved: boolean; updatedAt: string | null }>(`/drafts/${place}`, input),
  discard: (place: string) => api.delete<{ ok: true }>(`/drafts/${place}`),
};

export function useDraftList() {
  return useInfiniteQuery({
    queryKey: draftKeys.list,
    queryFn: ({ pageParam }) => api.get<Page<DraftSummary>>(`/drafts${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDiscardDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (place: string) => draftApi.discard(place),
    onSuccess: (_r, place) => {
      qc.removeQueries({ queryKey: draftKeys.one(place) });
      void qc.invalidateQueries({ queryKey: draftKeys.list });
    },
  });
}
