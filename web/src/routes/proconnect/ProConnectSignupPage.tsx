import { Link, useNavigate } from 'react-router';
import { useCompleteProConnectSignup, useProConnectSignup } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Checkbox, Form, QueryState } from '../../ui';
import { safeNext } from '../login/LoginPage';

/**
 * First sign-in through ProConnect: the identity it sent, and the CGU to accept. The account is created
 * only when this form is sent, so leaving the page leaves nothing behind.
 */
export default function ProConnectSignupPage() {
  useTitle('Créer votre compte avec ProConnect');
  const pending = useProConnectSignup();
  const complete = useCompleteProConnectSignup();
  const navigate = useNavigate();
  if (pending.error) {
    return (
      <div className="narrow">
        <h1>Créer votre compte avec ProConnect</h1>
        <Alert tone="error" title="Inscription impossible">
          <p>{pending.error.message}</p>
        </Alert>
        <p style={{ marginTop: 'var(--sp-5)' }}><Link to="/connexion">Revenir à la page de connexion</Link></p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Créer votre compte avec ProConnect</h1>
      <QueryState query={pending} loading="Chargement de votre identité ProConnect">
        {(identity) => (
          <>
            <p>ProConnect nous a transmis :</p>
            <dl className="proconnect-identity">
              <dt>Nom</dt><dd>{identity.firstName} {identity.lastName}</dd>
              <dt>Adresse électronique</dt><dd>{identity.email}</dd>
              {identity.organisation && (<><dt>Organisation</dt><dd>{identity.organisation}</dd></>)}
              {identity.siret && (<><dt>SIRET</dt><dd>{identity.siret}</dd></>)}
            </dl>
            <p>Vous pourrez compléter votre profil (fonction, département…) après l’inscription.</p>
            <Form
              labels={{ acceptCgu: 'Conditions générales d’utilisation' }}
              validate={(v) => {
                const errors: Record<string, string> = {};
                if (!v.acceptCgu) errors.acceptCgu = 'Vous devez accepter les conditions générales d’utilisation.';
                return errors;
              }}
              onSubmit={async () => {
                const result = await complete.mutateAsync();
                navigate(safeNext(result.next), { replace: true });
              }}
            >
              <Checkbox
                name="acceptCgu"
                isRequired
                description={<>Lire les <Link to="/pages/cgu" target="_blank">conditions générales d’utilisation (nouvelle fenêtre)</Link>.</>}
              >
                J’accepte les conditions générales d’utilisation
              </Checkbox>
              <div className="form__actions">
                <Button type="submit" isPending={complete.isPending}>Créer mon compte</Button>
              </div>
            </Form>
          </>
        )}
      </QueryState>
    </div>
  );
}
