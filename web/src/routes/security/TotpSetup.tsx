import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { TotpEnrolment } from '../../api/security';
import { Button, Form, TextField } from '../../ui';
import './security.css';

export const CODE_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;

/**
 * Associating an authenticator app: the QR code to scan, the key in text for typing by hand, then a first code
 * that proves the app computes the same codes. `confirm` receives that code (signed in, or during a sign-in
 * whose grace period is over).
 */
export function TotpSetup({ start, confirm, startLabel = 'Associer une application d’authentification' }: {
  start: UseMutationResult<TotpEnrolment, Error, void>;
  confirm: (code: string) => Promise<unknown>;
  startLabel?: string;
}) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  if (!enrolment) {
    return <Button isPending={start.isPending} onPress={async () => setEnrolment(await start.mutateAsync())}>{startLabel}</Button>;
  }
  return (
    <div className="stack totp-setup">
      <ol className="stack">
        <li>
          <p>Ouvrez votre application d’authentification (par exemple FreeOTP, Aegis, Google Authenticator ou celle de votre gestionnaire de mots de passe) et scannez ce QR code :</p>
          <img className="totp-setup__qr" src={enrolment.qrCode} width={200} height={200} alt="QR code à scanner avec votre application d’authentification" />
        </li>
        <li>
          <p>Vous ne pouvez pas scanner ? Saisissez cette clé dans l’application (type « basé sur l’heure ») :</p>
          <p><code className="totp-setup__secret">{enrolment.secret}</code></p>
        </li>
        <li>
          <Form
            labels={{ code: 'Code à 6 chiffres' }}
            validate={(v): Record<string, string> => (CODE_PATTERN.test(v.code ?? '') ? {} : { code: 'Saisissez les 6 chiffres affichés par l’application.' })}
            onSubmit={async (v) => { await confirm(v.code!.replace(/\s/g, '')); }}
          >
            <TextField name="code" label="Code à 6 chiffres affiché par l’application" autoComplete="one-time-code" isRequired maxLength={7} />
            <div className="form__actions"><Button type="submit">Vérifier et activer</Button></div>
          </Form>
        </li>
      </ol>
    </div>
  );
}
