import { useState } from 'react';
import { useAddPasskey, useRemovePasskey, type SecurityState } from '../../api/security';
import { formatDate } from '../../lib/format';
import { Alert, Button, Card, ConfirmDialog, Form, TextField } from '../../ui';

/** The browser's refusal (cancelled dialog, no authenticator) said in French rather than the raw DOMException. */
export function passkeyError(err: unknown): string {
  const name = (err as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return 'L’opération a été annulée ou n’a pas abouti : réessayez.';
  if (name === 'InvalidStateError') return 'Cette clé d’accès est déjà enregistrée sur votre compte.';
  return (err as Error)?.message || 'La clé d’accès n’a pas pu être utilisée.';
}

/** Passkeys (WebAuthn): named, listed, removable; each one is a second factor on its own. */
export function PasskeysCard({ state, onCodes }: { state: SecurityState; onCodes: (codes: string[]) => void }) {
  const add = useAddPasskey();
  const remove = useRemovePasskey();
  return (
    <Card as="section">
      <h2 className="card__title">Clés d’accès</h2>
      <p>Une clé d’accès (empreinte, visage, code de l’appareil ou clé de sécurité USB) remplace le code à 6 chiffres.</p>
      {state.passkeys.length > 0 ? (
        <ul className="stack" aria-label="Mes clés d’accès">
          {state.passkeys.map((p) => (
            <li key={p.id} className="row">
              <span><strong>{p.name}</strong> — ajoutée le {formatDate(p.createdAt)}{p.lastUsedAt ? `, utilisée le ${formatDate(p.lastUsedAt)}` : ''}</span>
              <ConfirmDialog
                small
                triggerLabel="Retirer"
                triggerAriaLabel={`Retirer la clé d’accès ${p.name}`}
                title={`Retirer la clé d’accès « ${p.name} » ?`}
                confirmLabel="Retirer"
                isPending={remove.isPending}
                onConfirm={() => remove.mutateAsync(p.id)}
              >
                <p>Vos autres sessions seront fermées.</p>
              </ConfirmDialog>
            </li>
          ))}
        </ul>
      ) : null}
      <AddPasskeyForm
        isPending={add.isPending}
        add={async (name) => {
          const { recoveryCodes } = await add.mutateAsync(name);
          if (recoveryCodes) onCodes(recoveryCodes);
        }}
      />
    </Card>
  );
}

/**
 * Names a new passkey and asks the browser to create it: from « Sécurité du compte », and at sign-in once the
 * grace period for a second factor is over. The browser's refusals are said in French; the API's errors go to
 * the form's field like any other.
 */
export function AddPasskeyForm({ add, isPending }: { add: (name: string) => Promise<void>; isPending: boolean }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? <Alert tone="error"><p>{error}</p></Alert> : null}
      <Form
        labels={{ name: 'Nom de la clé' }}
        validate={(v): Record<string, string> => (v.name?.trim() ? {} : { name: 'Donnez un nom à cette clé (par exemple « Ordinateur du bureau »).' })}
        onSubmit={async (v, _data, form) => {
          setError(null);
          try {
            await add(v.name!.trim());
            form.reset();
          } catch (err) {
            if ((err as Error).name === 'ApiError') throw err;
            setError(passkeyError(err));
          }
        }}
      >
        <TextField name="name" label="Nom de la clé (par exemple « Ordinateur du bureau »)" maxLength={60} isRequired />
        <div className="form__actions"><Button type="submit" isPending={isPending}>Ajouter une clé d’accès</Button></div>
      </Form>
    </>
  );
}
