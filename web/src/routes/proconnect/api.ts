import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSignedIn } from '../../api/session';
import type { Page, UserSelf } from '../../api/types';

/** Asks for a code, sent by e-mail to the account that has the address ProConnect gave. */
export function useSendLinkCode() {
  return useMutation({ mutationFn: () => api.post<{ expiresInMinutes: number }>('/auth/oidc/link-code') });
}

/** Links the ProConnect identity to that account with the code received. */
export function useLinkByCode() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (code: string) =>
      api.post<{ user: UserSelf; csrfToken: string; next: string } | { secondFactor: { step: 'verify' | 'enrol' } }>('/auth/oidc/link-by-code', { code }),
    // A second factor to give first: the sign-in goes on at /connexion/second-facteur.
    onSuccess: (result) => { if ('user' in result) signedIn(result); },
  });
}

export interface SecurityEvent { id: number; createdAt: string; kind: string; code: string }

/** The security journal (refused ProConnect callbacks), newest first: the national team's. */
export function useSecurityEvents() {
  return useInfiniteQuery({
    queryKey: ['national', 'security-events'],
    queryFn: ({ pageParam }) => api.get<Page<SecurityEvent>>(`/national/security-events${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<SecurityEvent>) => last.nextCursor ?? undefined,
  });
}
