import { useEffect, useRef, useState } from 'react';
import { api, setReauthHandler } from '../api/client';
import { FormDialog, TextField } from '../ui';

/**
 * The password dialog of sensitive staff actions (validating a service statement, giving roles, legal pages):
 * opened by the API client when the server answers REAUTH_REQUIRED; once the password is confirmed, the client
 * sends the action again. Mounted once for the whole application.
 */
export function ReauthDialog() {
  const [open, setOpen] = useState(false);
  // Settles the pending request: true to send it again, false to let it fail with its message.
  const settle = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setReauthHandler(() => new Promise<boolean>((resolve) => {
      settle.current?.(false);
      settle.current = resolve;
      setOpen(true);
    }));
    return () => setReauthHandler(null);
  }, []);

  const finish = (ok: boolean) => {
    settle.current?.(ok);
    settle.current = null;
    setOpen(false);
  };

  return (
    <FormDialog
      isOpen={open}
      onOpenChange={(isOpen) => { if (!isOpen) finish(false); }}
      title="Confirmez votre mot de passe"
      intro={<p>Cette action est sensible : pour vérifier qu’il s’agit bien de vous, saisissez à nouveau votre mot de passe. Il ne vous sera plus demandé pendant 10 minutes.</p>}
      labels={{ password: 'Mot de passe' }}
      validate={(values): Record<string, string> => (values.password ? {} : { password: 'Saisissez votre mot de passe.' })}
      onSubmit={async (values) => {
        await api.post('/auth/reauth', { password: values.password });
        finish(true);
        return false; // closed by finish()
      }}
      submitLabel="Confirmer"
    >
      <TextField name="password" type="password" label="Mot de passe" autoComplete="current-password" isRequired autoFocus />
    </FormDialog>
  );
}
