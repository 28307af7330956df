import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type {
  CampaignState, CsvInput, ImportResult, ImportTargets, Preview, ResendResult, WelcomeItemPage, WelcomeStatus,
} from '../../../../common/api/member-import';

/** API client of the « Import » page: CSV member lists and the welcome campaign of imported members. */

export type {
  CampaignState, CsvInput, ImportResult, ImportTarget, LineStatus, Preview, PreviewLine, WelcomeItem, WelcomeStatus,
} from '../../../../common/api/member-import';

const KEY = ['member-import'] as const;

export function useImportTargets() {
  return useQuery({ queryKey: [...KEY, 'targets'], queryFn: () => api.get<ImportTargets>('/member-imports/communities'), retry: false });
}

export function usePreview() {
  return useMutation({ mutationFn: (input: CsvInput) => api.post<Preview>('/member-imports/preview', input) });
}

export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CsvInput) => api.post<ImportResult>('/member-imports', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'campaign'] }),
  });
}

export function useCampaign(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'campaign'], queryFn: () => api.get<CampaignState>('/national/import-welcome'), enabled,
    // The worker sends a batch a minute: the figures move while the page is open.
    refetchInterval: 30_000,
  });
}

export function useSetPaused() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) => api.put<CampaignState>('/national/import-welcome/paused', { paused }),
    onSuccess: (state) => qc.setQueryData([...KEY, 'campaign'], state),
  });
}

export function useWelcomeMembers(filter: { status?: WelcomeStatus; email?: string }, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'members', filter],
    queryFn: ({ pageParam }) => api.get<WelcomeItemPage>(
      `/national/import-welcome/members${qs({ status: filter.status, email: filter.email, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useResend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => api.post<ResendResult>(`/national/import-welcome/members/${userId}/resend`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
