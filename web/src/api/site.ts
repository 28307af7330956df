import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client';
import { keys } from './keys';
import type { LegalPage, LegalPageInput, OutboxPage } from '../../../common/api/site';

export const LEGAL_PAGES = [
  { slug: 'mentions-legales', label: 'Mentions légales' },
  { slug: 'accessibilite', label: 'Accessibilité' },
  { slug: 'plan-accessibilite', label: 'Schéma pluriannuel d’accessibilité' },
  { slug: 'donnees-personnelles', label: 'Données personnelles' },
  { slug: 'cgu', label: 'Conditions générales d’utilisation' },
  { slug: 'charte-editoriale', label: 'Charte éditoriale' },
] as const;

export function useLegalPage(slug: string) {
  return useQuery({ queryKey: keys.page(slug), queryFn: () => api.get<LegalPage>(`/pages/${slug}`) });
}

export function useUpdateLegalPage(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LegalPageInput) => api.put<LegalPage>(`/pages/${slug}`, input),
    onSuccess: (page) => qc.setQueryData(keys.page(slug), page),
  });
}

export function useOutbox() {
  return useInfiniteQuery({
    queryKey: keys.outbox,
    queryFn: ({ pageParam }) => api.get<OutboxPage>(`/admin/outbox${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
