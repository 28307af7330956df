import { Link, useSearchParams } from 'react-router';
import { ERRORS, type ErrorCode } from '../../../../common/errors';
import { useTitle } from '../../lib/useTitle';
import { Alert } from '../../ui';
import { ProConnectButton } from './ProConnectButton';

/** Where every failed ProConnect round trip lands: what happened, in French, and the other ways in. */
export default function ProConnectErrorPage() {
  useTitle('Connexion avec ProConnect impossible');
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const known = code.startsWith('OIDC_') || code === 'ACCOUNT_BANNED' || code === 'USER_NOT_FOUND' || code === 'RATE_LIMITED';
  const message = known && code in ERRORS ? ERRORS[code as ErrorCode].message : ERRORS.OIDC_INVALID_RESPONSE.message;
  const retry = code !== 'OIDC_DISABLED' && code !== 'ACCOUNT_BANNED' && code !== 'OIDC_EMAIL_HAS_ACCOUNT';
  return (
    <div className="narrow">
      <h1>Connexion avec ProConnect impossible</h1>
      <Alert tone="error" title="La connexion n’a pas abouti">
        <p>{message}</p>
        <p className="muted">Code : {known ? code : 'OIDC_INVALID_RESPONSE'}</p>
      </Alert>
      <p style={{ marginTop: 'var(--sp-5)' }}>
        <strong><Link to="/connexion">Se connecter avec son mot de passe</Link></strong>
      </p>
      {code === 'OIDC_EMAIL_HAS_ACCOUNT' && (
        <p><Link to="/mot-de-passe/oubli">Mot de passe oublié ?</Link></p>
      )}
      {retry && (
        <>
          <p className="proconnect-or">ou</p>
          <ProConnectButton next="/" />
        </>
      )}
    </div>
  );
}
