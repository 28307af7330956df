import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCommunities } from '../../api/communities';
import type { PostKind } from '../../api/types';
import { formatDate, fullName } from '../../lib/format';
import { KIND_LABELS } from '../../lib/kind-labels';
import { useTitle } from '../../lib/useTitle';
import { Badge, Button, Card, Form, LoadMore, QueryState, Select, TextField } from '../../ui';
import { useSearch, type SearchHit, type SearchParams } from './api';
import { PageSearchResults } from '../shared-pages/PageSearchResults';
import './search.css';

const FILTERS = ['q', 'community', 'kind', 'author', 'from', 'to'] as const;

export default function SearchPage() {
  const [params] = useSearchParams();
  const current: SearchParams = { q: params.get('q') ?? '' };
  for (const key of FILTERS.slice(1)) {
    const value = params.get(key);
    if (value) current[key] = value;
  }
  useTitle(current.q ? `Recherche : ${current.q}` : 'Recherche');
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Rechercher</h1>
          <p className="muted small">
            Dans les publications et commentaires des e-communautés que vous pouvez lire. Accents et pluriels sont ignorés ;
            « guillemets » pour une expression exacte, un tiret devant un mot pour l’exclure.
          </p>
        </div>
      </div>
      <div className="search-layout">
        <SearchFilters current={current} />
        <Results current={current} />
      </div>
    </>
  );
}

function SearchFilters({ current }: { current: SearchParams }) {
  const navigate = useNavigate();
  const communities = useCommunities();
  const options = communities.data?.pages.flatMap((p) => p.items).map((c) => ({ value: c.slug, label: c.name })) ?? [];
  return (
    <Card as="section" className="search-filters">
      <h2 id="search-filters-title" className="card__title">Critères</h2>
      <Form
        key={JSON.stringify(current)}
        aria-labelledby="search-filters-title"
        labels={{ q: 'Mots recherchés', from: 'Du', to: 'Au' }}
        validate={(v) => {
          const errors: Record<string, string> = {};
          if (!v.q?.trim()) errors.q = 'Saisissez au moins un mot.';
          if (v.from && v.to && v.from > v.to) errors.to = 'La date de fin précède la date de début.';
          return errors;
        }}
        onSubmit={(v) => {
          const next = new URLSearchParams();
          for (const key of FILTERS) if (v[key]?.trim()) next.set(key, v[key]!.trim());
          navigate(`/recherche?${next.toString()}`);
        }}
      >
        <TextField name="q" label="Mots recherchés" type="search" defaultValue={current.q} isRequired maxLength={200} wide />
        <Select name="community" label="E-communauté" placeholder="Toutes" options={options} defaultValue={current.community ?? ''} />
        <Select
          name="kind"
          label="Type de publication"
          placeholder="Tous"
          options={(Object.keys(KIND_LABELS) as PostKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          defaultValue={current.kind ?? ''}
        />
        <TextField name="author" label="Auteur ou autrice" description="Tout ou partie du nom." defaultValue={current.author ?? ''} maxLength={80} />
        <TextField name="from" label="Du" type="date" defaultValue={current.from ?? ''} />
        <TextField name="to" label="Au" type="date" defaultValue={current.to ?? ''} />
        <div className="form__actions">
          <Button type="submit">Rechercher</Button>
        </div>
      </Form>
    </Card>
  );
}

function Results({ current }: { current: SearchParams }) {
  const query = useSearch(current);
  if (!current.q.trim()) return <p className="muted">Saisissez des mots pour lancer la recherche.</p>;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="search-results-title" className="stack">
      <h2 id="search-results-title">Résultats pour « {current.q} »</h2>
      <QueryState query={query} loading="Recherche en cours…">
        {() => items.length === 0 ? (
          <p role="status">Aucun résultat. Essayez d’autres mots ou retirez des critères.</p>
        ) : (
          <>
            <p role="status" className="visually-hidden">{items.length === 1 ? '1 résultat' : `${items.length}${query.hasNextPage ? ' premiers' : ''} résultats`}</p>
            <ol className="search-results plain-list">
              {items.map((hit) => <Hit key={`${hit.type}-${hit.id}`} hit={hit} />)}
            </ol>
            <LoadMore query={query} label="Plus de résultats" />
          </>
        )}
      </QueryState>
      <PageSearchResults q={current.q} community={current.community} />
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const href = hit.type === 'post' ? `/publications/${hit.post.id}` : `/publications/${hit.post.id}#commentaire-${hit.id}`;
  return (
    <li className="search-hit">
      <p className="search-hit__meta small">
        <Badge tone={hit.type === 'post' ? 'info' : 'neutral'}>{hit.type === 'post' ? KIND_LABELS[hit.post.kind] : 'Commentaire'}</Badge>{' '}
        <Link to={`/communautes/${hit.community.slug}`}>{hit.community.name}</Link>
      </p>
      <h3 className="search-hit__title">
        {/* The server escapes everything but <mark>: see server/src/modules/search/highlight.ts. */}
        <Link to={href}>
          {hit.type === 'comment' ? <span className="visually-hidden">Commentaire sur </span> : null}
          <span dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        </Link>
      </h3>
      <p className="search-hit__excerpt" dangerouslySetInnerHTML={{ __html: hit.excerptHtml }} />
      <p className="muted small">{fullName(hit.author)} · {formatDate(hit.createdAt)}</p>
    </li>
  );
}
