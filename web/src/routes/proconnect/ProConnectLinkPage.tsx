import { Link, useNavigate } from 'react-router';
import { useLinkProConnect, useProConnectSignup } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Form, QueryState, TextField } from '../../ui';
import { safeNext } from '../login/LoginPage';
import { useLinkByCode, useSendLinkCode } from './api';
import './proconnect.css';

/**
 * ProConnect sent an address that already has an account here: it is linked only once the person proves
 * the account is theirs, with its password or with a code sent to its address (never silently).
 */
export default function ProConnectLinkPage() {
  useTitle('Associer votre compte');
  const pending = useProConnectSignup();
  if (pending.error) {
    return (
      <div className="narrow">
        <h1>Associer votre compte</h1>
        <Alert tone="error" title="Association impossible"><p>{pending.error.message}</p></Alert>
        <p style={{ marginTop: 'var(--sp-5)' }}><Link to="/connexion">Revenir à la page de connexion</Link></p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Associer votre compte</h1>
      <QueryState query={pending} loading="Chargement de votre identité ProConnect">
        {(identity) => (
          <>
            <p>
              Un compte existe déjà avec l’adresse <strong>{identity.email}</strong>. Pour le relier à ProConnect,
              confirmez qu’il est bien le vôtre, avec son mot de passe ou avec un code reçu à cette adresse.
              Vous pourrez ensuite vous connecter avec ProConnect ou avec votre mot de passe.
            </p>
            <PasswordLink />
            <p className="proconnect-or">ou</p>
            <CodeLink email={identity.email} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function PasswordLink() {
  const link = useLinkProConnect();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="link-password">
      <h2 id="link-password">Avec le mot de passe du compte</h2>
      <Form
        labels={{ password: 'Mot de passe' }}
        validate={(v): Record<string, string> => (v.password ? {} : { password: 'Saisissez le mot de passe de votre compte.' })}
        onSubmit={async (v) => {
          const result = await link.mutateAsync(v.password!);
          // With a second factor to give, the page of that step follows (it knows where to go next).
          navigate('secondFactor' in result ? '/connexion/second-facteur' : safeNext(result.next), { replace: true });
        }}
      >
        <TextField name="password" type="password" label="Mot de passe" autoComplete="current-password" isRequired />
        <div className="form__actions">
          <Button type="submit" isPending={link.isPending}>Associer et me connecter</Button>
        </div>
      </Form>
    </section>
  );
}

/** For the owner who does not remember a password (or never chose one): a code sent to the account's address. */
function CodeLink({ email }: { email: string }) {
  const send = useSendLinkCode();
  const link = useLinkByCode();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="link-code">
      <h2 id="link-code">Sans mot de passe : un code par courriel</h2>
      {!send.data ? (
        <Form
          aria-labelledby="link-code"
          onSubmit={async () => { await send.mutateAsync(); }}
        >
          <p>Nous envoyons un code à usage unique à <strong>{email}</strong>.</p>
          <div className="form__actions">
            <Button type="submit" variant="secondary" isPending={send.isPending}>Recevoir un code par courriel</Button>
          </div>
        </Form>
      ) : (
        <>
          <Alert tone="info" title="Code envoyé">
            <p>Un code vous a été envoyé à {email}. Il est valable {send.data.expiresInMinutes} minutes.</p>
          </Alert>
          <Form
            labels={{ code: 'Code reçu par courriel' }}
            validate={(v): Record<string, string> => (/^\s*\d{6}\s*$/.test(v.code ?? '') ? {} : { code: 'Saisissez les 6 chiffres du code reçu.' })}
            onSubmit={async (v) => {
              const result = await link.mutateAsync(v.code!.trim());
              navigate('secondFactor' in result ? '/connexion/second-facteur' : safeNext(result.next), { replace: true });
            }}
          >
            <TextField name="code" label="Code reçu par courriel" description="6 chiffres" autoComplete="one-time-code" maxLength={6} isRequired />
            <div className="form__actions">
              <Button type="submit" isPending={link.isPending}>Associer avec ce code</Button>
              <Button variant="ghost" isPending={send.isPending} onPress={() => send.mutate()}>Renvoyer un code</Button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
