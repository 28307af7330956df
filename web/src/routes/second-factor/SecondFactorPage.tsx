import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  useAddPasskeyAtSignIn, useCancelSignIn, useConfirmTotpAtSignIn, useFinishSignIn, usePendingSignIn, useSecondFactorSignIn, useStartTotp, type PendingSignIn, type SignedInEnrolled,
} from '../../api/security';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Form, Spinner, TextField } from '../../ui';
import { safeNext } from '../login/LoginPage';
import { RecoveryCodesList } from '../security/RecoveryCodesList';
import { CODE_PATTERN, TotpSetup } from '../security/TotpSetup';
import { PasskeySignIn } from './PasskeySignIn';
import { AddPasskeyForm } from '../security/PasskeysCard';

/** The second step of a sign-in: the password was right, the second factor (or its enrolment) comes next. */
export default function SecondFactorPage() {
  useTitle('Second facteur');
  const pending = usePendingSignIn();
  const [params] = useSearchParams();
  const next = safeNext(params.get('suite'));
  return (
    <div className="narrow stack">
      <h1>Second facteur</h1>
      {pending.isPending ? <Spinner /> : pending.isError || !pending.data ? (
        <Alert tone="error">
          <p>Cette connexion a expiré ou n’existe plus : <Link to={`/connexion?suite=${encodeURIComponent(next)}`}>reprenez la connexion</Link>.</p>
        </Alert>
      ) : pending.data.step === 'verify' ? <Verify pending={pending.data} next={next} /> : <Enrol next={next} />}
    </div>
  );
}

function useGoOn(next: string) {
  const navigate = useNavigate();
  const finish = useFinishSignIn();
  return (result: Parameters<ReturnType<typeof useFinishSignIn>>[0]) => {
    finish(result);
    navigate(next !== '/' ? next : safeNext(result.next), { replace: true });
  };
}

function Verify({ pending, next }: { pending: PendingSignIn; next: string }) {
  const [method, setMethod] = useState<'totp' | 'recovery'>(pending.methods.totp ? 'totp' : 'recovery');
  const signIn = useSecondFactorSignIn();
  const goOn = useGoOn(next);
  const isTotp = method === 'totp';
  return (
    <>
      <p>Pour finir de vous connecter, prouvez que c’est bien vous avec votre second facteur.</p>
      {pending.methods.passkey ? <PasskeySignIn onSignedIn={goOn} /> : null}
      {pending.methods.totp || pending.methods.recovery ? (
        <Form
          key={method}
          labels={{ code: isTotp ? 'Code de l’application' : 'Code de secours' }}
          validate={(v): Record<string, string> => {
            if (isTotp && !CODE_PATTERN.test(v.code ?? '')) return { code: 'Saisissez les 6 chiffres affichés par l’application.' };
            if (!isTotp && !(v.code ?? '').trim()) return { code: 'Saisissez l’un de vos codes de secours.' };
            return {};
          }}
          onSubmit={async (v) => goOn(await signIn.mutateAsync({ method, code: v.code!.trim() }))}
        >
          {isTotp ? (
            <TextField name="code" label="Code à 6 chiffres de votre application d’authentification" autoComplete="one-time-code" isRequired maxLength={7} autoFocus />
          ) : (
            <TextField name="code" label="Code de secours (par exemple abcd-efgh-jkmn-pqrs)" autoComplete="off" isRequired maxLength={40} autoFocus />
          )}
          <div className="form__actions">
            <Button type="submit" isPending={signIn.isPending}>Se connecter</Button>
            {pending.methods.totp && pending.methods.recovery ? (
              <Button variant="secondary" onPress={() => setMethod(isTotp ? 'recovery' : 'totp')}>
                {isTotp ? 'Utiliser un code de secours' : 'Utiliser l’application'}
              </Button>
            ) : null}
          </div>
        </Form>
      ) : null}
      <CancelLink />
    </>
  );
}

function Enrol({ next }: { next: string }) {
  const start = useStartTotp(true);
  const confirm = useConfirmTotpAtSignIn();
  const addPasskey = useAddPasskeyAtSignIn();
  const goOn = useGoOn(next);
  const [done, setDone] = useState<{ codes: string[]; go: () => void } | null>(null);
  // Either factor signs in; the recovery codes of a first factor are shown before going on.
  const enrolled = (result: SignedInEnrolled) => {
    if (result.recoveryCodes) setDone({ codes: result.recoveryCodes, go: () => goOn(result) });
    else goOn(result);
  };
  if (done) {
    return (
      <>
        <Alert tone="success" title="Second facteur activé"><RecoveryCodesList codes={done.codes} /></Alert>
        <Button onPress={done.go}>J’ai noté mes codes, continuer</Button>
      </>
    );
  }
  return (
    <>
      <Alert tone="warning" live={false}>
        <p>
          Votre rôle donne accès à des données de membres et le délai pour activer un second facteur est écoulé : activez-en
          un maintenant pour vous connecter.
        </p>
      </Alert>
      <section className="stack" aria-labelledby="enrol-app">
        <h2 id="enrol-app">Avec une application d’authentification</h2>
        <TotpSetup start={start} confirm={async (code) => enrolled(await confirm.mutateAsync(code))} />
      </section>
      <section className="stack" aria-labelledby="enrol-passkey">
        <h2 id="enrol-passkey">Ou avec une clé d’accès</h2>
        <p>Empreinte, visage, code de cet appareil ou clé de sécurité USB : rien à recopier.</p>
        <AddPasskeyForm isPending={addPasskey.isPending} add={async (name) => enrolled(await addPasskey.mutateAsync(name))} />
      </section>
      <CancelLink />
    </>
  );
}

function CancelLink() {
  const cancel = useCancelSignIn();
  const navigate = useNavigate();
  return (
    <p>
      <Button variant="secondary" onPress={async () => { await cancel.mutateAsync(); navigate('/connexion', { replace: true }); }}>
        Annuler et se déconnecter
      </Button>
    </p>
  );
}
