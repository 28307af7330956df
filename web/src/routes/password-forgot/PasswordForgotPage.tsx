import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useRequestPasswordReset } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Form, TextField, check } from '../../ui';

export default function PasswordForgotPage() {
  useTitle('Mot de passe oublié');
  const request = useRequestPasswordReset();
  const [sent, setSent] = useState(false);
  return (
    <div className="narrow">
      <h1>Mot de passe oublié</h1>
      {sent ? (
        <Alert tone="success" title="Demande enregistrée">
          <p>Si un compte correspond à cette adresse, un courriel contenant un lien pour choisir un nouveau mot de passe vient d’être envoyé.</p>
          <p><Link to="/connexion">Retour à la connexion</Link></p>
        </Alert>
      ) : (
        <>
          <p>Indiquez l’adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
          <Form
            labels={{ email: 'Adresse électronique' }}
            validate={(v) => check(v, { email: { required: true, max: LIMITS.email } })}
            onSubmit={async (v) => {
              await request.mutateAsync(v.email!.trim());
              setSent(true);
            }}
          >
            <TextField name="email" type="email" label="Adresse électronique" autoComplete="email" isRequired maxLength={LIMITS.email} />
            <div className="form__actions">
              <Button type="submit" isPending={request.isPending}>Recevoir le lien</Button>
              <Link to="/connexion">Retour à la connexion</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
