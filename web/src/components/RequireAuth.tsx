import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useCurrentUser } from '../api/session';
import { Alert, Spinner } from '../ui';

/** Sends anonymous visitors to the login page (and back here after); optionally admins only. */
export function RequireAuth({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const user = useCurrentUser();
  const location = useLocation();
  if (user === undefined) return <Spinner />;
  if (user === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/connexion?suite=${next}`} replace />;
  }
  if (admin && user.nationalRole !== 'admin') {
    return (
      <>
        <h1>Accès réservé</h1>
        <Alert tone="error">
          <p>Cette page est réservée à l’équipe nationale d’administration.</p>
        </Alert>
      </>
    );
  }
  return <>{children}</>;
}
