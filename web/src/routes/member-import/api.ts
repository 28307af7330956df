import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

/** API client of the « Import » page: CSV member lists and the welcome campaign of imported members. */

export interface ImportTarget { slug: string; name: string }
export type LineStatus = 'new' | 'existing' | 'member' | 'error';
export interface PreviewLine {
  line: number; email: string; firstName: string; lastName: string; employer: string;
  community: ImportTarget | null; status: LineStatus; messages: string[];
}
export interface Preview { lines: PreviewLine[]; counts: Record<LineStatus, number> }
export interface ImportResult { created: number; added: number; unchanged: number; errors: number }
export interface CsvInput { csv: string; community?: string }

export type WelcomeStatus = 'queued' | 'sent' | 'activated' | 'bounced';
export interface CampaignState { counts: Record<WelcomeStatus, number>; paused: boolean; perHour: number; sentLastHour: number }
export interface WelcomeItem {
  userId: number; email: string; firstName: string; lastName: string; status: WelcomeStatus;
  queuedAt: string; sentAt: string | null; activatedAt: string | null; bouncedAt: string | null; error: string | null;
}

const KEY = ['member-import'] as const;

export function useImportTargets() {
  return useQuery({ queryKey: [...KEY, 'targets'], queryFn: () => api.get<{ items: ImportTarget[] }>('/member-imports/communities'), retry: false });
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
    queryFn: ({ pageParam }) => api.get<{ items: WelcomeItem[]; nextCursor: string | null }>(
      `/national/import-welcome/members${qs({ status: filter.status, email: filter.email, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useResend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => api.post<{ status: 'sent' | 'bounced' }>(`/national/import-welcome/members/${userId}/resend`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
