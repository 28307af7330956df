import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { useTitle } from '../lib/useTitle';
import { Alert, Button, Spinner } from '../ui';
import { NotFound } from '../routes/not-found/NotFoundPage';

interface QueryLike<T> {
  data: T | undefined;
  error: Error | null;
  refetch: () => unknown;
}

/**
 * Loading and error states for a query that *is* the page: errors still get an h1 and a title,
 * 404 shows the not-found page and 401 offers to sign in.
 */
export function PageQuery<T>({ query, loading, children }: { query: QueryLike<T>; loading?: string; children: (data: T) => ReactNode }) {
  if (query.error && query.data === undefined) return <PageError error={query.error} retry={() => void query.refetch()} />;
  if (query.data === undefined) return <Spinner label={loading} />;
  return <>{children(query.data)}</>;
}

function PageError({ error, retry }: { error: Error; retry: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404) return <NotFound />;
  return <ErrorView status={status} message={error.message} retry={retry} />;
}

function ErrorView({ status, message, retry }: { status: number; message: string; retry: () => void }) {
  const location = useLocation();
  const title = status === 401 ? 'Connexion requise' : status === 403 ? 'Accès refusé' : 'Erreur de chargement';
  useTitle(title);
  return (
    <div className="narrow stack">
      <h1>{title}</h1>
      <Alert tone="error"><p>{message}</p></Alert>
      {status === 401 ? (
        <p><Link to={`/connexion?suite=${encodeURIComponent(location.pathname + location.search)}`}>Se connecter</Link></p>
      ) : status === 403 ? (
        <p><Link to="/">Retour à l’accueil</Link></p>
      ) : (
        <Button variant="secondary" onPress={retry}>Réessayer</Button>
      )}
    </div>
  );
}
