import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { Page, UserRef } from '../../api/types';

/** Typed client of the invitations API. */

export interface Invitation {
  id: number;
  kind: 'email' | 'link';
  email: string | null;
  member: UserRef | null;
  inviter: UserRef;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  acceptedCount: number;
  createdAt: string;
  expiresAt: string;
  can: { revoke: boolean };
}

export interface InviteOutcome {
  email: string;
  outcome: 'sent' | 'already_member' | 'already_invited';
  message: string;
}

export interface InvitationStats {
  totals: { sent: number; accepted: number; joined: number };
  byInviter: { inviter: UserRef; role: string | null; sent: number; accepted: number; joined: number }[];
}

export interface InvitationPreview {
  community: { id: number; slug: string; name: string; description: string };
  inviter: { firstName: string; lastName: string };
  kind: 'email' | 'link';
  email: string | null;
  expiresAt: string;
  alreadyMember: boolean;
}

export const invitationKeys = {
  list: (slug: string) => ['invitations', 'community', slug] as const,
  stats: (slug: string) => ['invitations', 'stats', slug] as const,
  preview: (token: string) => ['invitations', 'token', token] as const,
};

export function useInvitations(slug: string) {
  return useInfiniteQuery({
    queryKey: invitationKeys.list(slug),
    queryFn: ({ pageParam }) => api.get<Page<Invitation>>(`/communities/${slug}/invitations${qs({ cursor: pageParam })}`),
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
  useRefreshing(slug, (input: { emails: string[]; message?: string }) => api.post<{ results: InviteOutcome[] }>(`/communities/${slug}/invitations`, input));
export const useCreateLink = (slug: string) =>
  useRefreshing(slug, () => api.post<{ invitation: Invitation; url: string }>(`/communities/${slug}/invitation-links`));
export const useRevoke = (slug: string) => useRefreshing(slug, (id: number) => api.delete<Invitation>(`/invitations/${id}`));

export function useInvitationPreview(token: string) {
  return useQuery({ queryKey: invitationKeys.preview(token), queryFn: () => api.get<InvitationPreview>(`/invitations/by-token/${token}`), retry: false });
}

export function useAccept(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ status: 'joined' | 'pending_verification'; community: { slug: string; name: string } }>(`/invitations/by-token/${token}/accept`),
    onSuccess: () => void qc.invalidateQueries(),
  });
}
