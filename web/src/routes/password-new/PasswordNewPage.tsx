import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useConfirmPasswordReset } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Form, TextField, check } from '../../ui';

export default function PasswordNewPage() {
  useTitle('Nouveau mot de passe');
  const [params] = useSearchParams();
  const token = params.get('token');
  const confirm = useConfirmPasswordReset();
  const [done, setDone] = useState(false);
  return (
    <div className="narrow">
      <h1>Nouveau mot de passe</h1>
      {!token ? (
        <Alert tone="error" title="Lien incomplet">
          <p>Ce lien ne contient pas de jeton. Utilisez le lien reçu par courriel ou <Link to="/mot-de-passe/oubli">faites une nouvelle demande</Link>.</p>
        </Alert>
      ) : done ? (
        <Alert tone="success" title="Mot de passe modifié">
          <p>Votre mot de passe a été changé et vos autres sessions ont été fermées.</p>
          <p><Link to="/connexion">Se connecter</Link></p>
        </Alert>
      ) : (
        <Form
          labels={{ password: 'Nouveau mot de passe', confirmation: 'Confirmation du mot de passe' }}
          validate={(v) => {
            const errors = check(v, { password: { required: true, min: LIMITS.passwordMin, max: LIMITS.passwordMax }, confirmation: { required: true } });
            if (!errors.password && !errors.confirmation && v.password !== v.confirmation) errors.confirmation = 'Les deux mots de passe ne sont pas identiques.';
            return errors;
          }}
          onSubmit={async (v) => {
            await confirm.mutateAsync({ token, password: v.password! });
            setDone(true);
          }}
        >
          <TextField name="password" type="password" label="Nouveau mot de passe" description={`${LIMITS.passwordMin} caractères minimum.`} autoComplete="new-password" isRequired maxLength={LIMITS.passwordMax} />
          <TextField name="confirmation" type="password" label="Confirmation du mot de passe" autoComplete="new-password" isRequired maxLength={LIMITS.passwordMax} />
          {confirm.error && 'code' in confirm.error && confirm.error.code === 'INVALID_TOKEN' ? (
            <p><Link to="/mot-de-passe/oubli">Demander un nouveau lien</Link></p>
          ) : null}
          <div className="form__actions">
            <Button type="submit" isPending={confirm.isPending}>Enregistrer le mot de passe</Button>
          </div>
        </Form>
      )}
    </div>
  );
}
