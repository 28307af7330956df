import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, setReauthHandler } from '../api/client';
import { provePasskey, useSecurity } from '../api/security';
import { passkeyError } from '../routes/security/PasskeysCard';
import { Button, FormDialog, TextField } from '../ui';
import type { ReauthMethods } from '../../../common/api/accounts';

type Proof = 'password' | 'totp' | 'recovery';

const FIELD: Record<Proof, { label: string; autoComplete: string; empty: string }> = {
  password: { label: 'Mot de passe', autoComplete: 'current-password', empty: 'Saisissez votre mot de passe.' },
  totp: { label: 'Code à 6 chiffres de votre application d’authentification', autoComplete: 'one-time-code', empty: 'Saisissez le code affiché par l’application.' },
  recovery: { label: 'Code de secours', autoComplete: 'off', empty: 'Saisissez l’un de vos codes de secours.' },
};

/** Where ProConnect confirms who the person is, then sends the browser back to this page. */
function proconnectUrl(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return `/api/auth/oidc/start?confirmation=1&suite=${encodeURIComponent(here)}`;
}

/**
 * The proof-of-identity dialog of sensitive actions (validating a service statement, giving roles, legal pages,
 * deleting one's account, signing out other devices): opened by the API client when the server answers
 * REAUTH_REQUIRED; once the password — or a second factor — is confirmed, the client sends the action again.
 * Accounts linked to ProConnect may confirm there instead (their password may be one they never chose): the
 * browser comes back to this page, where the action is done again. Mounted once for the whole application.
 */
export function ReauthDialog() {
  const [open, setOpen] = useState(false);
  const [proof, setProof] = useState<Proof>('password');
  const [passkeyFailure, setPasskeyFailure] = useState<string | null>(null);
  // Which second factors the person has, to offer them instead of the password.
  const security = useSecurity(open);
  // Settles the pending request: true to send it again, false to let it fail with its message.
  const settle = useRef<((ok: boolean) => void) | null>(null);
  const methods = useQuery({
    queryKey: ['me', 'reauth-methods'],
    queryFn: () => api.get<ReauthMethods>('/auth/reauth/methods'),
    enabled: open,
  });

  useEffect(() => {
    setReauthHandler(() => new Promise<boolean>((resolve) => {
      settle.current?.(false);
      settle.current = resolve;
      setProof('password');
      setPasskeyFailure(null);
      setOpen(true);
    }));
    return () => setReauthHandler(null);
  }, []);

  const finish = (ok: boolean) => {
    settle.current?.(ok);
    settle.current = null;
    setOpen(false);
  };
  const field = FIELD[proof];
  // The server names the field of its refusal: `password`, or `code` for a second factor.
  const name = proof === 'password' ? 'password' : 'code';
  const others = (['password', 'totp', 'recovery'] as const).filter((p) => p !== proof && (
    p === 'password' || (p === 'totp' ? security.data?.totp : (security.data?.recoveryCodesLeft ?? 0) > 0)));
  const otherLabel: Record<Proof, string> = {
    password: 'Utiliser mon mot de passe', totp: 'Utiliser mon application d’authentification', recovery: 'Utiliser un code de secours',
  };

  return (
    <FormDialog
      isOpen={open}
      onOpenChange={(isOpen) => { if (!isOpen) finish(false); }}
      title={proof === 'password' ? 'Confirmez votre mot de passe' : 'Confirmez avec votre second facteur'}
      intro={
        <>
          <p>Cette action est sensible : pour vérifier qu’il s’agit bien de vous, saisissez à nouveau votre mot de passe ou utilisez votre second facteur. Ils ne vous seront plus demandés pendant 10 minutes.</p>
          {others.length > 1 || others[0] !== 'password' || security.data?.passkeys.length ? (
            <div className="row">
              {security.data?.passkeys.length ? (
                <Button
                  variant="secondary"
                  small
                  onPress={async () => {
                    setPasskeyFailure(null);
                    try {
                      await provePasskey('/auth/reauth/passkey/options', '/auth/reauth/passkey');
                      finish(true);
                    } catch (err) {
                      setPasskeyFailure(passkeyError(err));
                    }
                  }}
                >
                  Utiliser ma clé d’accès
                </Button>
              ) : null}
              {others.map((p) => <Button key={p} variant="secondary" small onPress={() => setProof(p)}>{otherLabel[p]}</Button>)}
            </div>
          ) : null}
          {passkeyFailure ? <p className="form__error" role="alert">{passkeyFailure}</p> : null}
          {methods.data?.proconnect ? (
            <p>
              Vous vous connectez avec ProConnect ? <a href={proconnectUrl()}>Confirmer mon identité avec ProConnect</a>{' '}
              (vous reviendrez sur cette page : refaites alors l’action).
            </p>
          ) : null}
        </>
      }
      labels={{ [name]: field.label }}
      validate={(values): Record<string, string> => (values[name]?.trim() ? {} : { [name]: field.empty })}
      onSubmit={async (values) => {
        if (proof === 'password') await api.post('/auth/reauth', { password: values.password });
        else await api.post('/auth/reauth/second-factor', { method: proof, code: values.code!.trim() });
        finish(true);
        return false; // closed by finish()
      }}
      submitLabel="Confirmer"
    >
      <TextField key={proof} name={name} type={proof === 'password' ? 'password' : 'text'} label={field.label} autoComplete={field.autoComplete} isRequired autoFocus />
    </FormDialog>
  );
}
