import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import type { Draft, DraftState, DraftSummary, DraftSummaryPage, SaveDraftInput, Saved } from '../../../common/api/drafts';
import type { Ok } from './types';

/** Where a draft will be published (server: drafts/place.ts). */
export type DraftPlace = `post:${number}` | `comment:${number}` | `message:${number}` | `report:${number}:${string}`;

export type { Draft, DraftSummary };

export const draftKeys = {
  all: ['drafts'] as const,
  list: ['drafts', 'list'] as const,
  one: (place: string) => ['drafts', 'one', place] as const,
};

export const draftApi = {
  get: (place: string) => api.get<DraftState>(`/drafts/${place}`),
  save: (place: string, input: SaveDraftInput) => api.put<Saved>(`/drafts/${place}`, input),
  discard: (place: string) => api.delete<Ok>(`/drafts/${place}`),
};

export function useDraftList() {
  return useInfiniteQuery({
    queryKey: draftKeys.list,
    queryFn: ({ pageParam }) => api.get<DraftSummaryPage>(`/drafts${qs({ cursor: pageParam })}`),
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
