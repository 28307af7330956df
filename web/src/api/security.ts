import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { api, setCsrfToken } from './client';
import { keys } from './keys';
import type { Ok, Session } from './types';
import type {
  CodeInput, DemoAccounts, PendingSignIn, RecoveryCodes, SecurityState, SignedInEnrolled, SignedInNext, TotpEnrolment,
} from '../../../common/api/mfa';

/** « Sécurité du compte »: the person's second factors (never a secret once enrolled). */
export type { CodeMethod, PendingSignIn, SecurityState, SignedInEnrolled, SignedInNext, TotpEnrolment } from '../../../common/api/mfa';

export function useSecurity(enabled = true) {
  return useQuery({ queryKey: keys.security, queryFn: () => api.get<SecurityState>('/me/security'), enabled });
}

function useRefreshSecurity() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.security });
}

export function useStartTotp(pending = false) {
  return useMutation({ mutationFn: () => api.post<TotpEnrolment>(pending ? '/auth/second-factor/totp' : '/me/security/totp') });
}

export function useConfirmTotp() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/me/security/totp/confirm', { code }),
    onSuccess: refresh,
  });
}

export function useRemoveTotp() {
  const refresh = useRefreshSecurity();
  return useMutation({ mutationFn: () => api.delete<Ok>('/me/security/totp'), onSuccess: refresh });
}

export function useRegenerateRecoveryCodes() {
  const refresh = useRefreshSecurity();
  return useMutation({ mutationFn: () => api.post<RecoveryCodes>('/me/security/recovery-codes'), onSuccess: refresh });
}

/** The half-done sign-in of this browser (after the password), or an error when there is none. */
export function usePendingSignIn() {
  return useQuery({ queryKey: ['session', 'second-factor'], queryFn: () => api.get<PendingSignIn>('/auth/second-factor'), retry: false });
}

/** Finishes a sign-in: the session is in place, every cached answer may differ. */
export function useFinishSignIn() {
  const qc = useQueryClient();
  return (result: SignedInNext) => {
    setCsrfToken(result.csrfToken);
    qc.setQueryData<Session>(keys.session, { user: result.user, csrfToken: result.csrfToken });
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  };
}

export function useSecondFactorSignIn() {
  return useMutation({
    mutationFn: (input: CodeInput) => api.post<SignedInNext>('/auth/second-factor', input),
  });
}

export function useConfirmTotpAtSignIn() {
  return useMutation({ mutationFn: (code: string) => api.post<SignedInEnrolled>('/auth/second-factor/totp/confirm', { code }) });
}

export function useCancelSignIn() {
  return useMutation({ mutationFn: () => api.post<Ok>('/auth/second-factor/cancel') });
}

/** Demo accounts of the demo network (empty on a real deployment), for the sign-in page. */
export function useDemoAccounts() {
  return useQuery({
    queryKey: ['session', 'demo-accounts'],
    queryFn: () => api.get<DemoAccounts>('/auth/demo-accounts'),
    staleTime: Infinity,
  });
}

export function useResetFactors() {
  return useMutation({ mutationFn: (userId: number) => api.post<Ok>(`/national/users/${userId}/second-factor/reset`) });
}

/* ---- Passkeys (WebAuthn, through @simplewebauthn/browser) ---- */

type OptionsJSON = Parameters<typeof startRegistration>[0]['optionsJSON'];
type AuthOptionsJSON = Parameters<typeof startAuthentication>[0]['optionsJSON'];

export function useAddPasskey() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: async (name: string) => {
      const optionsJSON = await api.post<OptionsJSON>('/me/security/passkeys/options');
      const response = await startRegistration({ optionsJSON });
      return api.post<RecoveryCodes>('/me/security/passkeys', { name, response });
    },
    onSuccess: refresh,
  });
}

/** The grace period is over: a passkey created now is the factor enrolled, and the sign-in goes on. */
export function useAddPasskeyAtSignIn() {
  return useMutation({
    mutationFn: async (name: string) => {
      const optionsJSON = await api.post<OptionsJSON>('/auth/second-factor/passkey/register/options');
      const response = await startRegistration({ optionsJSON });
      return api.post<SignedInEnrolled>('/auth/second-factor/passkey/register', { name, response });
    },
  });
}

export function useRemovePasskey() {
  const refresh = useRefreshSecurity();
  return useMutation({ mutationFn: (id: number) => api.delete<Ok>(`/me/security/passkeys/${id}`), onSuccess: refresh });
}

/** Asks the browser for a passkey assertion over options from `optionsPath`, and sends it to `path`. */
export async function provePasskey<T>(optionsPath: string, path: string): Promise<T> {
  const optionsJSON = await api.post<AuthOptionsJSON>(optionsPath);
  const response = await startAuthentication({ optionsJSON });
  return api.post<T>(path, { response });
}

export function usePasskeySignIn() {
  return useMutation({ mutationFn: () => provePasskey<SignedInNext>('/auth/second-factor/passkey/options', '/auth/second-factor/passkey') });
}
