import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser, useResendVerification, useVerifyEmail } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Spinner } from '../../ui';

export default function VerifyEmailPage() {
  useTitle('Confirmation de l’adresse électronique');
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useVerifyEmail();
  const started = useRef(false);
  useEffect(() => {
    // The token is single-use: send it once even under StrictMode's double effects.
    if (token && !started.current) {
      started.current = true;
      verify.mutate(token);
    }
  }, [token, verify]);

  return (
    <div className="narrow">
      <h1>Confirmation de l’adresse électronique</h1>
      {!token ? (
        <ResendPanel />
      ) : verify.isSuccess ? (
        <Alert tone="success" title="Adresse confirmée">
          <p>Merci ! Votre adresse électronique est confirmée. Vous pouvez maintenant publier et commenter.</p>
          <p><Link to="/">Aller à l’accueil</Link></p>
        </Alert>
      ) : verify.isError ? (
        <>
          <Alert tone="error" title="La confirmation a échoué">
            <p>{verify.error.message}</p>
          </Alert>
          <ResendPanel />
        </>
      ) : (
        <Spinner label="Vérification en cours…" />
      )}
    </div>
  );
}

function ResendPanel() {
  const user = useCurrentUser();
  const resend = useResendVerification();
  if (user === undefined) return null;
  if (user === null) {
    return <p style={{ marginTop: 'var(--sp-4)' }}><Link to="/connexion?suite=%2Fverifier-email">Connectez-vous</Link> pour recevoir un nouveau lien de confirmation.</p>;
  }
  if (user.emailVerified) return <p>Votre adresse électronique est déjà confirmée.</p>;
  return (
    <div className="stack" style={{ marginTop: 'var(--sp-4)' }}>
      <p>Vous n’avez pas reçu le lien, ou il a expiré ? Demandez-en un nouveau : il sera envoyé à <strong>{user.email}</strong>.</p>
      <Button onPress={() => resend.mutate()} isPending={resend.isPending}>Renvoyer le lien de confirmation</Button>
      {resend.isSuccess ? <Alert tone="success"><p>Un nouveau lien vient de vous être envoyé.</p></Alert> : null}
      {resend.isError ? <Alert tone="error"><p>{resend.error.message}</p></Alert> : null}
    </div>
  );
}
