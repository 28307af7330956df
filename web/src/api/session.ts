import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { keys } from './keys';
import { forgetOfflineCopies } from '../lib/offline';
import type { Ok } from './types';
import type {
  ChangePasswordInput, LoginInput, LogoutResult, Me, ProfileInput, RegisterInput, ResetConfirmInput, Session, SignedIn, UserSelf,
} from '../../../common/api/accounts';
import type { ActivateInput } from '../../../common/api/member-import';
import type { SignInResult } from '../../../common/api/mfa';
import type { Linked, LinkResult, ProConnectIdentity, Providers } from '../../../common/api/sso';

export type { ProfileInput, RegisterInput };

async function fetchSession(): Promise<Session> {
  const session = await api.get<Session>('/session');
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: 60_000 });
}

/** The signed-in user, or null (undefined while loading). */
export function useCurrentUser(): UserSelf | null | undefined {
  const { data } = useSession();
  return data === undefined ? undefined : data.user;
}

/** After sign-in, sign-up or sign-out every cached answer may differ (`can`, drafts, feed). */
export function useSignedIn() {
  const qc = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    forgetOfflineCopies();
    qc.setQueryData(keys.session, session);
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api.post<SignInResult>('/auth/login', input),
    // With a second factor to give, no session exists yet: the sign-in continues on /connexion/second-facteur.
    onSuccess: (result) => { if ('user' in result) signedIn(result); },
  });
}

export function useRegister() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: RegisterInput) => api.post<SignedIn>('/auth/register', input),
    onSuccess: signedIn,
  });
}

export function useLogout() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: () => api.post<LogoutResult>('/auth/logout'),
    onSuccess: (result) => {
      signedIn({ user: null, csrfToken: null });
      // Signed in through ProConnect: its session ends too, by a full-page visit (no pop-up, no frame).
      if (result.endSessionUrl) window.location.assign(result.endSessionUrl);
    },
  });
}

/** Sign-in methods besides the password (ProConnect when the server is configured for it). */
export function useProviders() {
  return useQuery({
    queryKey: ['session', 'providers'],
    queryFn: () => api.get<Providers>('/auth/providers'),
    staleTime: Infinity,
  });
}

export type { ProConnectIdentity };

/** The identity ProConnect sent for a first sign-in, waiting for the CGU. */
export function useProConnectSignup() {
  return useQuery({
    queryKey: ['session', 'proconnect-signup'],
    queryFn: () => api.get<ProConnectIdentity>('/auth/oidc/signup'),
    retry: false,
  });
}

export function useCompleteProConnectSignup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: () => api.post<Linked>('/auth/oidc/signup', { acceptCgu: true }),
    onSuccess: signedIn,
  });
}

export function useVerifyEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<Ok>('/auth/verify-email', { token }),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useResendVerification() {
  return useMutation({ mutationFn: () => api.post<Ok>('/auth/resend-verification') });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (email: string) => api.post<Ok>('/auth/password-reset/request', { email }) });
}

/** First sign-in of an imported account (link of the welcome mail): password chosen, CGU accepted, signed in. */
export function useActivateAccount() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: ActivateInput) => api.post<SignedIn>('/auth/activate', input),
    onSuccess: signedIn,
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: ResetConfirmInput) => api.post<Ok>('/auth/password-reset/confirm', input),
  });
}

export function useMe(enabled = true) {
  return useQuery({ queryKey: keys.me, queryFn: () => api.get<Me>('/me'), enabled });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => api.patch<Me>('/me', input),
    onSuccess: (me) => {
      qc.setQueryData(keys.me, me);
      void qc.invalidateQueries({ queryKey: keys.session });
      void qc.invalidateQueries({ queryKey: keys.user(me.id) });
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<Ok>('/me/password', input),
  });
}

/** Links the ProConnect identity to the existing account of the same address, with that account's password. */
export function useLinkProConnect() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (password: string) =>
      api.post<LinkResult>('/auth/oidc/link', { password }),
    // A second factor to give first: the sign-in goes on at /connexion/second-facteur.
    onSuccess: (result) => { if ('user' in result) signedIn(result); },
  });
}
