import { Link, useSearchParams } from 'react-router';
import { ERRORS, type ErrorCode } from '../../../../common/errors';
import { useProviders } from '../../api/session';
import { useTitle } from '../../lib/useTitle';
import { Alert } from '../../ui';
import { ProConnectButton } from './ProConnectButton';

/** Codes after which trying ProConnect again at once cannot succeed. */
const NO_RETRY = new Set(['OIDC_DISABLED', 'ACCOUNT_BANNED', 'OIDC_EMAIL_HAS_ACCOUNT', 'OIDC_ACCESS_FILTERED', 'OIDC_EMAIL_UNVERIFIED', 'OIDC_ACCOUNT_EMAIL_UNVERIFIED']);
/** Codes for which « Mot de passe oublié ? » is the way forward (it mails a link that also confirms the address). */
const FORGOT = new Set(['OIDC_EMAIL_HAS_ACCOUNT', 'OIDC_EMAIL_UNVERIFIED', 'OIDC_ACCOUNT_EMAIL_UNVERIFIED']);

/** Where every failed ProConnect round trip lands: what happened, in French, and the other ways in. */
export default function ProConnectErrorPage() {
  useTitle('Connexion avec ProConnect impossible');
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const known = code.startsWith('OIDC_') || code === 'ACCOUNT_BANNED' || code === 'USER_NOT_FOUND' || code === 'RATE_LIMITED';
  const message = known && code in ERRORS ? ERRORS[code as ErrorCode].message : ERRORS.OIDC_INVALID_RESPONSE.message;
  return (
    <div className="narrow">
      <h1>Connexion avec ProConnect impossible</h1>
      <Alert tone="error" title="La connexion n’a pas abouti">
        <p>{message}</p>
        <p className="muted">Code : {known ? code : 'OIDC_INVALID_RESPONSE'}</p>
      </Alert>
      {code === 'OIDC_ACCESS_FILTERED' && <AccessRule siret={params.get('siret')} organisation={params.get('organisation')} />}
      <p style={{ marginTop: 'var(--sp-5)' }}>
        <strong><Link to="/connexion">Se connecter avec son mot de passe</Link></strong>
      </p>
      {FORGOT.has(code) && (
        <p><Link to="/mot-de-passe/oubli">Mot de passe oublié ?</Link></p>
      )}
      {!NO_RETRY.has(code) && (
        <>
          <p className="proconnect-or">ou</p>
          <ProConnectButton next="/" />
        </>
      )}
    </div>
  );
}

/**
 * ProConnect requires the refusal to state the service's rule and the person's SIRET and organisation, so
 * they can tell whether the fault is theirs (wrong establishment chosen) or the rule's.
 */
function AccessRule({ siret, organisation }: { siret: string | null; organisation: string | null }) {
  const providers = useProviders();
  const rule = providers.data?.proconnect;
  return (
    <section aria-labelledby="access-rule" style={{ marginTop: 'var(--sp-5)' }}>
      <h2 id="access-rule">Qui peut se connecter avec ProConnect ici</h2>
      {rule && (
        <ul>
          {rule.allowedDomains.length > 0 && <li>les adresses électroniques en {rule.allowedDomains.map((d) => `@${d}`).join(', ')}</li>}
          {rule.allowedSirets.length > 0 && <li>les agents des établissements de SIRET {rule.allowedSirets.join(', ')}</li>}
        </ul>
      )}
      <h2>Ce que ProConnect nous a transmis</h2>
      <dl className="proconnect-identity">
        <dt>SIRET</dt><dd>{siret || 'non transmis'}</dd>
        <dt>Organisation</dt><dd>{organisation || 'non transmise'}</dd>
      </dl>
      <p>
        Si votre établissement devrait y avoir accès, écrivez à l’équipe nationale du réseau en indiquant ce SIRET.
      </p>
    </section>
  );
}
