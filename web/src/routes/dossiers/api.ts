import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { Ok } from '../../api/types';
import type { CandidateList, Dossier, DossierInput, DossierSummaryPage, NewDossier } from '../../../../common/api/dossiers';

/** Typed client of the dossiers API. */

export type { Dossier, DossierInput, DossierItem, DossierSummary } from '../../../../common/api/dossiers';

export const dossierKeys = {
  list: (slug: string) => ['dossiers', 'community', slug] as const,
  one: (id: number) => ['dossiers', 'one', id] as const,
  candidates: (slug: string, q: string) => ['dossiers', 'candidates', slug, q] as const,
};

export function useDossiers(slug: string) {
  return useInfiniteQuery({
    queryKey: dossierKeys.list(slug),
    queryFn: ({ pageParam }) => api.get<DossierSummaryPage>(`/communities/${slug}/dossiers${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDossier(id: number) {
  return useQuery({ queryKey: dossierKeys.one(id), queryFn: () => api.get<Dossier>(`/dossiers/${id}`), enabled: id > 0 });
}

export function useCandidates(slug: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: dossierKeys.candidates(slug, q),
    queryFn: () => api.get<CandidateList>(`/communities/${slug}/dossier-candidates${qs({ q })}`),
    enabled,
  });
}

export function useCreateDossier(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewDossier) => api.post<Dossier>(`/communities/${slug}/dossiers`, input),
    onSuccess: (d) => {
      qc.setQueryData(dossierKeys.one(d.id), d);
      void qc.invalidateQueries({ queryKey: dossierKeys.list(slug) });
    },
  });
}

/** Every change to a dossier answers the whole dossier: cache it and refresh the community's list. */
function useDossierChange<I>(id: number, run: (input: I) => Promise<Dossier>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (d) => {
      qc.setQueryData(dossierKeys.one(id), d);
      void qc.invalidateQueries({ queryKey: dossierKeys.list(d.community.slug) });
    },
  });
}

export const useEditDossier = (id: number) => useDossierChange(id, (input: DossierInput) => api.patch<Dossier>(`/dossiers/${id}`, input));
export const useAddItem = (id: number) => useDossierChange(id, (postId: number) => api.post<Dossier>(`/dossiers/${id}/items`, { postId }));
export const useRemoveItem = (id: number) => useDossierChange(id, (postId: number) => api.delete<Dossier>(`/dossiers/${id}/items/${postId}`));
export const useReorder = (id: number) => useDossierChange(id, (postIds: number[]) => api.put<Dossier>(`/dossiers/${id}/order`, { postIds }));

export function useDeleteDossier(id: number, slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<Ok>(`/dossiers/${id}`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: dossierKeys.one(id) });
      void qc.invalidateQueries({ queryKey: dossierKeys.list(slug) });
    },
  });
}
