import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { CnfptInboxPage, CnfptItem, Promoted, PromoteInput } from '../../../../common/api/cnfpt';

/** API client of the CNFPT resources in a community's veille (docs/api.md, "ressources CNFPT"). */

export type { CnfptItem };

const key = (slug: string) => ['veille', slug, 'cnfpt'] as const;

export function useCnfptInbox(slug: string) {
  return useInfiniteQuery({
    queryKey: key(slug),
    queryFn: ({ pageParam }) =>
      api.get<CnfptInboxPage>(`/communities/${slug}/veille/cnfpt${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useCnfptMutation<I, O>(slug: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: key(slug) }) });
}

export const usePromoteCnfpt = (slug: string) =>
  useCnfptMutation(slug, ({ id, ...body }: PromoteInput & { id: number }) =>
    api.post<Promoted>(`/communities/${slug}/veille/cnfpt/${id}/promote`, body));

export const useDismissCnfpt = (slug: string) =>
  useCnfptMutation(slug, (id: number) => api.post<{ ok: true }>(`/communities/${slug}/veille/cnfpt/${id}/dismiss`, {}));
