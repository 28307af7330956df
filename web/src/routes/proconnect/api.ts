import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSignedIn } from '../../api/session';
import type { LinkCodeSent, LinkResult, SecurityEvent, SecurityEventPage } from '../../../../common/api/sso';

export type { SecurityEvent };

/** Asks for a code, sent by e-mail to the account that has the address ProConnect gave. */
export function useSendLinkCode() {
  return useMutation({ mutationFn: () => api.post<LinkCodeSent>('/auth/oidc/link-code') });
}

/** Links the ProConnect identity to that account with the code received. */
export function useLinkByCode() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (code: string) =>
      api.post<LinkResult>('/auth/oidc/link-by-code', { code }),
    // A second factor to give first: the sign-in goes on at /connexion/second-facteur.
    onSuccess: (result) => { if ('user' in result) signedIn(result); },
  });
}

/** The security journal (refused ProConnect callbacks), newest first: the national team's. */
export function useSecurityEvents() {
  return useInfiniteQuery({
    queryKey: ['national', 'security-events'],
    queryFn: ({ pageParam }) => api.get<SecurityEventPage>(`/national/security-events${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: SecurityEventPage) => last.nextCursor ?? undefined,
  });
}
