import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type {
  Accepted, CreatedLink, Invitation, InvitationPage, InvitationPreview, InvitationStats, InviteInput, InviteResults,
} from '../../../../common/api/invitations';

/** Typed client of the invitations API. */

export type { Invitation, InvitationPreview, InvitationStats, InviteOutcome } from '../../../../common/api/invitations';

export const invitationKeys = {
  list: (slug: string) => ['invitations', 'community', slug] as const,
  stats: (slug: string) => ['invitations', 'stats', slug] as const,
  preview: (token: string) => ['invitations', 'token', token] as const,
};

export function useInvitations(slug: string) {
  return useInfiniteQuery({
    queryKey: invitationKeys.list(slug),
    queryFn: ({ pageParam }) => api.get<InvitationPage>(`/communities/${slug}/invitations${qs({ cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useInvitationStats(slug: string, enabled: boolean) {
  return useQuery({ queryKey: invitationKeys.stats(slug), queryFn: () => api.get<InvitationStats>(`/communities/${slug}/invitation-stats`), enabled });
}

function useRefreshing<I, O>(slug: string, run: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: invitationKeys.list(slug) });
      void qc.invalidateQueries({ queryKey: invitationKeys.stats(slug) });
    },
  });
}

export const useInvite = (slug: string) =>
  useRefreshing(slug, (input: InviteInput) => api.post<InviteResults>(`/communities/${slug}/invitations`, input));
export const useCreateLink = (slug: string) =>
  useRefreshing(slug, () => api.post<CreatedLink>(`/communities/${slug}/invitation-links`));
export const useRevoke = (slug: string) => useRefreshing(slug, (id: number) => api.delete<Invitation>(`/invitations/${id}`));

export function useInvitationPreview(token: string) {
  return useQuery({ queryKey: invitationKeys.preview(token), queryFn: () => api.get<InvitationPreview>(`/invitations/by-token/${token}`), retry: false });
}

export function useAccept(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Accepted>(`/invitations/by-token/${token}/accept`),
    onSuccess: () => void qc.invalidateQueries(),
  });
}
