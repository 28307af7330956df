import { Link, useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useActivateAccount } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Checkbox, Form, TextField, check } from '../../ui';

const LABELS = { password: 'Mot de passe', confirmation: 'Confirmation du mot de passe', acceptCgu: 'Conditions générales d’utilisation' };

/**
 * First sign-in of a member whose account came with their e-communauté (import): the link of the welcome mail
 * lets them choose a password and accept the CGU, and they arrive signed in.
 */
export default function ActivationPage() {
  useTitle('Activer votre compte');
  const [params] = useSearchParams();
  const token = params.get('token');
  const activate = useActivateAccount();
  const navigate = useNavigate();
  return (
    <div className="narrow">
      <h1>Activer votre compte</h1>
      {!token ? (
        <Alert tone="error" title="Lien incomplet">
          <p>Ce lien ne contient pas de jeton. Utilisez le lien reçu par courriel ou <Link to="/mot-de-passe/oubli">demandez-en un nouveau</Link>.</p>
        </Alert>
      ) : (
        <>
          <p>Votre compte vous attend avec vos e-communautés. Choisissez votre mot de passe pour vous connecter la première fois.</p>
          <Form
            requiredNote
            labels={LABELS}
            validate={(v) => {
              const errors = check(v, { password: { required: true, min: LIMITS.passwordMin, max: LIMITS.passwordMax }, confirmation: { required: true } });
              if (errors.password && v.password) errors.password = `Le mot de passe doit contenir au moins ${LIMITS.passwordMin} caractères.`;
              if (!errors.password && !errors.confirmation && v.password !== v.confirmation) errors.confirmation = 'Les deux mots de passe ne sont pas identiques.';
              if (!v.acceptCgu) errors.acceptCgu = 'Vous devez accepter les conditions générales d’utilisation.';
              return errors;
            }}
            onSubmit={async (v) => {
              await activate.mutateAsync({ token, password: v.password!, acceptCgu: true });
              navigate('/', { replace: true });
            }}
          >
            <TextField
              name="password" type="password" label={LABELS.password} autoComplete="new-password" isRequired maxLength={LIMITS.passwordMax}
              description={`${LIMITS.passwordMin} caractères minimum. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
            />
            <TextField name="confirmation" type="password" label={LABELS.confirmation} autoComplete="new-password" isRequired maxLength={LIMITS.passwordMax} />
            <Checkbox
              name="acceptCgu"
              isRequired
              description={<>Lire les <Link to="/pages/cgu" target="_blank">conditions générales d’utilisation (nouvelle fenêtre)</Link>.</>}
            >
              J’accepte les conditions générales d’utilisation
            </Checkbox>
            {activate.error && 'code' in activate.error && activate.error.code === 'INVALID_TOKEN' ? (
              <p>Lien expiré ou déjà utilisé ? <Link to="/mot-de-passe/oubli">Demander un nouveau lien</Link> (même formulaire que pour un mot de passe oublié).</p>
            ) : null}
            <div className="form__actions">
              <Button type="submit" isPending={activate.isPending}>Activer mon compte</Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
