import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InboxPage, NewSourceInput, PollOutcome, Published, PublishInput, SourceList, VeilleActivity, VeilleSource,
} from '../../../../common/api/veille';
import type { Ok } from '../../api/types';
import { api, qs } from '../../api/client';

/** API client of the veille module (docs/api.md, "Veille"). */

export type { Figures, InboxItem, VeilleActivity, VeilleSource, WeekFigures } from '../../../../common/api/veille';

const vkeys = {
  all: (slug: string) => ['veille', slug] as const,
  sources: (slug: string) => ['veille', slug, 'sources'] as const,
  inbox: (slug: string) => ['veille', slug, 'inbox'] as const,
  activity: (slug: string) => ['veille', slug, 'activity'] as const,
};

export function useActivity(slug: string) {
  return useQuery({
    queryKey: vkeys.activity(slug),
    queryFn: () => api.get<VeilleActivity>(`/communities/${slug}/veille/activity`),
  });
}

export function useSources(slug: string) {
  return useQuery({
    queryKey: vkeys.sources(slug),
    queryFn: () => api.get<SourceList>(`/communities/${slug}/veille/sources`),
  });
}

export function useInbox(slug: string) {
  return useInfiniteQuery({
    queryKey: vkeys.inbox(slug),
    queryFn: ({ pageParam }) =>
      api.get<InboxPage>(`/communities/${slug}/veille/inbox${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every write changes counts on both lists: refresh the whole veille of the community. */
function useVeilleMutation<I, O>(slug: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: vkeys.all(slug) }) });
}

export const useAddSource = (slug: string) =>
  useVeilleMutation(slug, (input: NewSourceInput) => api.post<VeilleSource>(`/communities/${slug}/veille/sources`, input));

export const useDeleteSource = (slug: string) =>
  useVeilleMutation(slug, (id: number) => api.delete<Ok>(`/communities/${slug}/veille/sources/${id}`));

export const usePollSource = (slug: string) =>
  useVeilleMutation(slug, (id: number) => api.post<PollOutcome>(`/communities/${slug}/veille/sources/${id}/poll`, {}));

export const usePublishItem = (slug: string) =>
  useVeilleMutation(slug, (input: { id: number } & Pick<PublishInput, 'commentary' | 'title'>) =>
    api.post<Published>(`/communities/${slug}/veille/items/${input.id}/publish`, { commentary: input.commentary, title: input.title }));

export const useDismissItem = (slug: string) =>
  useVeilleMutation(slug, (id: number) => api.post<Ok>(`/communities/${slug}/veille/items/${id}/dismiss`, {}));
