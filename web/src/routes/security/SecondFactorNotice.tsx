import { Link, useLocation } from 'react-router';
import { useSecurity } from '../../api/security';
import { useCurrentUser } from '../../api/session';
import { formatDate } from '../../lib/format';

/** Where the offer is made: the pages a person lands on, not every page (on a phone it would push each one down). */
const OFFERED_ON = new Set(['/', '/profil']);

/**
 * On the home page and the profile, for a person whose role requires a second factor and who has none yet: the
 * offer to enrol, with the end of the grace period (after it, signing in requires enrolling first).
 */
export function SecondFactorNotice() {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const security = useSecurity(!!user);
  const s = security.data;
  if (!user || !s || !OFFERED_ON.has(pathname) || s.demoAccount || !s.required || s.totp || s.passkeys.length > 0) return null;
  return (
    <div className="alert alert--warning">
      <p>
        Votre rôle donne accès aux données des membres : protégez votre compte par un second facteur
        {s.graceEndsAt ? ` avant le ${formatDate(s.graceEndsAt)}` : ''}.{' '}
        <Link to="/compte/securite">Activer un second facteur</Link>
      </p>
    </div>
  );
}
