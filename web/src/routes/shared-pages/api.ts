import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type {
  DiffMode, DossierPages, NewPage, PageDiff, PageEdit, PageRestore, PageSearchHitPage, PageSummaryPage, RevisionSummaryPage, SharedPage,
} from '../../../../common/api/shared-pages';

/** Typed client of the co-written pages API. */

export type { DiffPart, SharedPage } from '../../../../common/api/shared-pages';

export const pageKeys = {
  list: (slug: string) => ['shared-pages', 'community', slug] as const,
  one: (id: number) => ['shared-pages', 'one', id] as const,
  revisions: (id: number) => ['shared-pages', 'revisions', id] as const,
  diff: (id: number, from: number, to: number, mode: string) => ['shared-pages', 'diff', id, from, to, mode] as const,
  search: (q: string, community?: string) => ['shared-pages', 'search', q, community ?? ''] as const,
  dossier: (id: number) => ['shared-pages', 'dossier', id] as const,
};

export function useSharedPages(slug: string) {
  return useInfiniteQuery({
    queryKey: pageKeys.list(slug),
    queryFn: ({ pageParam }) => api.get<PageSummaryPage>(`/communities/${slug}/shared-pages${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSharedPage(id: number) {
  // Refreshed every minute, so a reader learns that someone opened the editor (or saved) meanwhile.
  return useQuery({ queryKey: pageKeys.one(id), queryFn: () => api.get<SharedPage>(`/shared-pages/${id}`), enabled: id > 0, refetchInterval: 60_000 });
}

export function useRevisions(id: number) {
  return useInfiniteQuery({
    queryKey: pageKeys.revisions(id),
    queryFn: ({ pageParam }) => api.get<RevisionSummaryPage>(`/shared-pages/${id}/revisions${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDiff(id: number, from: number, to: number, mode: DiffMode, enabled = true) {
  return useQuery({
    queryKey: pageKeys.diff(id, from, to, mode),
    queryFn: () => api.get<PageDiff>(`/shared-pages/${id}/diff${qs({ from: String(from), to: String(to), mode })}`),
    enabled: enabled && from > 0 && to > 0 && from !== to,
  });
}

export function usePageSearch(q: string, community?: string) {
  return useInfiniteQuery({
    queryKey: pageKeys.search(q, community),
    queryFn: ({ pageParam }) => api.get<PageSearchHitPage>(`/shared-pages/search${qs({ q, community, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.trim().length > 0,
  });
}

/** Every change answers the whole page: cache it, refresh its history and the community's list. */
function usePageChange<I>(run: (input: I) => Promise<SharedPage>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (p) => {
      qc.setQueryData(pageKeys.one(p.id), p);
      void qc.invalidateQueries({ queryKey: pageKeys.revisions(p.id) });
      void qc.invalidateQueries({ queryKey: pageKeys.list(p.community.slug) });
    },
  });
}

export const useCreatePage = (slug: string) =>
  usePageChange((input: NewPage) => api.post<SharedPage>(`/communities/${slug}/shared-pages`, input));
export const useSavePage = (id: number) =>
  usePageChange((input: PageEdit) => api.put<SharedPage>(`/shared-pages/${id}`, input));
export const useRestore = (id: number) =>
  usePageChange((input: PageRestore) => api.post<SharedPage>(`/shared-pages/${id}/restore`, input));
export const useLock = (id: number) =>
  usePageChange((locked: boolean) => (locked ? api.post<SharedPage>(`/shared-pages/${id}/lock`) : api.delete<SharedPage>(`/shared-pages/${id}/lock`)));

/** How often an open editor renews its « being edited » notice (the server lets it lapse after 150 s). */
const EDITING_RENEW_MS = 60_000;

/**
 * While the editor is open, the others reading the page are told who is editing it: announced at once, renewed
 * every minute, withdrawn when the editor closes (a save withdraws it on the server).
 */
export function useEditingNotice(id: number) {
  useEffect(() => {
    const announce = () => void api.put(`/shared-pages/${id}/editing`).catch(() => undefined);
    announce();
    const timer = window.setInterval(announce, EDITING_RENEW_MS);
    return () => {
      window.clearInterval(timer);
      void api.delete(`/shared-pages/${id}/editing`).catch(() => undefined);
    };
  }, [id]);
}

export function useDossierPages(dossierId: number) {
  return useQuery({ queryKey: pageKeys.dossier(dossierId), queryFn: () => api.get<DossierPages>(`/dossiers/${dossierId}/shared-pages`) });
}

export function useDossierPageChange(dossierId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ pageId, add }: { pageId: number; add: boolean }) => add
      ? api.post<DossierPages>(`/dossiers/${dossierId}/shared-pages`, { pageId })
      : api.delete<DossierPages>(`/dossiers/${dossierId}/shared-pages/${pageId}`),
    onSuccess: (data) => qc.setQueryData(pageKeys.dossier(dossierId), data),
  });
}
