import { Link, useNavigate } from 'react-router';
import { useLinkProConnect, useProConnectSignup } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Form, QueryState, TextField } from '../../ui';
import { safeNext } from '../login/LoginPage';

/**
 * ProConnect sent an address that already has an account here: it is linked only once the person
 * proves the account is theirs with its password (never silently).
 */
export default function ProConnectLinkPage() {
  useTitle('Associer votre compte');
  const pending = useProConnectSignup();
  const link = useLinkProConnect();
  const navigate = useNavigate();
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
              confirmez qu’il est bien le vôtre avec son mot de passe. Vous pourrez ensuite vous connecter
              avec ProConnect ou avec votre mot de passe.
            </p>
            <Form
              labels={{ password: 'Mot de passe' }}
              validate={(v) => {
                const errors: Record<string, string> = {};
                if (!v.password) errors.password = 'Saisissez le mot de passe de votre compte.';
                return errors;
              }}
              onSubmit={async (v) => {
                const result = await link.mutateAsync(v.password!);
                navigate(safeNext(result.next), { replace: true });
              }}
            >
              <TextField name="password" type="password" label="Mot de passe" autoComplete="current-password" isRequired />
              <div className="form__actions">
                <Button type="submit" isPending={link.isPending}>Associer et me connecter</Button>
                <Link to="/mot-de-passe/oubli">Mot de passe oublié ?</Link>
              </div>
            </Form>
          </>
        )}
      </QueryState>
    </div>
  );
}
