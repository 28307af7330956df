import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, setCsrfToken } from '../../api/client';
import { keys } from '../../api/keys';
import { useSession } from '../../api/session';
import type { Ok } from '../../api/types';
import type { CguToAccept, DeleteAccountInput, LegalVersion, LegalVersionItemPage } from '../../../../common/api/privacy';

export type { CguToAccept, LegalVersion, LegalVersionItem } from '../../../../common/api/privacy';

/** Where the browser downloads the member's data (the server names the file). */
export const EXPORT_URL = '/api/me/export';

export function useLegalVersions(slug: string, current: number) {
  // Keyed by the version in force, so publishing a new one refreshes the list.
  return useQuery({
    queryKey: [...keys.page(slug), 'versions', current],
    queryFn: () => api.get<LegalVersionItemPage>(`/pages/${slug}/versions${qs({ limit: 50 })}`),
  });
}

export function useLegalVersion(slug: string, version: number, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.page(slug), 'version', version],
    queryFn: () => api.get<LegalVersion>(`/pages/${slug}/versions/${version}`),
    enabled,
  });
}

/** The newer CGU version the signed-in member must accept, or null. */
export function useCguToAccept(): CguToAccept | null {
  const { data } = useSession();
  const qc = useQueryClient();
  const extra = data as (typeof data & { cguToAccept?: CguToAccept | null }) | undefined;
  // Sign-in answers carry no cguToAccept: read the session once more to learn it.
  const unknown = Boolean(extra?.user) && extra?.cguToAccept === undefined;
  useEffect(() => {
    if (unknown) void qc.invalidateQueries({ queryKey: keys.session });
  }, [unknown, qc]);
  return extra?.user ? extra.cguToAccept ?? null : null;
}

export function useAcceptCgu() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<Ok>('/me/cgu-acceptance', { version }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.session }),
  });
}

/**
 * The server has already closed the session; the client forgets it only once the "account deleted" page
 * is shown, or the profile page (which requires a session) would first redirect to the sign-in page.
 */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: (input: DeleteAccountInput) => api.delete<Ok>('/me', input),
  });
}

export function useForgetSession() {
  const qc = useQueryClient();
  return () => {
    setCsrfToken(null);
    qc.setQueryData(keys.session, { user: null, csrfToken: null, cguToAccept: null });
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  };
}
