import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { Spinner } from './Spinner';
import { Button } from './Button';

export interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
}

/** Shows the French loading or error state of a query, or its data. */
export function QueryState<T>({ query, loading, children }: { query: QueryLike<T>; loading?: string; children: (data: T) => ReactNode }) {
  if (query.error && query.data === undefined) {
    return (
      <Alert tone="error" title="Le chargement a échoué">
        <p>{query.error.message}</p>
        <Button variant="secondary" small onPress={() => void query.refetch()}>Réessayer</Button>
      </Alert>
    );
  }
  if (query.data === undefined) return <Spinner label={loading} />;
  return <>{children(query.data)}</>;
}
