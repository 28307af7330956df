import { formatDate } from '../../lib/format';
import { Badge, Link, LoadMore, QueryState } from '../../ui';
import { usePageSearch } from './api';

/**
 * Co-written pages matching a search, listed under the posts and comments: their own query on
 * the server (GET /shared-pages/search), same syntax and French normalisation.
 */
export function PageSearchResults({ q, community }: { q: string; community?: string }) {
  const query = usePageSearch(q, community);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="search-pages-title" className="stack">
      <h2 id="search-pages-title">Pages co-écrites</h2>
      <QueryState query={query} loading="Recherche dans les pages…">
        {() => items.length === 0 ? <p className="muted">Aucune page co-écrite ne correspond.</p> : (
          <ol className="search-results plain-list">
            {items.map((hit) => (
              <li key={hit.id} className="search-hit">
                <p className="search-hit__meta small">
                  <Badge tone="info">Page co-écrite</Badge>{' '}
                  <Link to={`/communautes/${hit.community.slug}`}>{hit.community.name}</Link>
                </p>
                <h3 className="search-hit__title">
                  {/* Escaped by the server except <mark> (search/highlight.ts). */}
                  <Link to={`/pages-co-ecrites/${hit.id}`}><span dangerouslySetInnerHTML={{ __html: hit.titleHtml }} /></Link>
                </h3>
                <p className="search-hit__excerpt" dangerouslySetInnerHTML={{ __html: hit.excerptHtml }} />
                <p className="muted small">Modifiée le {formatDate(hit.updatedAt)}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      <LoadMore query={query} label="Plus de pages" />
    </section>
  );
}
