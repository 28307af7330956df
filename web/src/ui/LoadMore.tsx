import { Button } from './Button';

interface Pageable {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Charger plus" under a cursor-paginated list. */
export function LoadMore({ query, label = 'Charger plus' }: { query: Pageable; label?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div style={{ marginTop: 'var(--sp-4)' }}>
      <Button variant="secondary" isPending={query.isFetchingNextPage} onPress={() => void query.fetchNextPage()}>
        {label}
      </Button>
    </div>
  );
}
