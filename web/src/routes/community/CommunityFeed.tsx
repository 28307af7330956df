import '../post/kinds/kinds.css';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useFilteredCommunityPosts, useRubriques, type FeedFilters } from '../../api/kinds';
import type { PostKind } from '../../api/types';
import { PostList } from '../../components/PostList';
import { useMarkAllRead, type Visit } from '../../api/reading';
import { ALL_KINDS, KIND_LABELS } from '../../lib/kind-labels';
import { Alert, Button, LoadMore, QueryState, Select } from '../../ui';

/**
 * A community's posts, filtered by kind, rubrique and tag. Filters live in the address
 * (?type=, ?rubrique=, ?motcle=) so a filtered feed can be shared and survives a reload.
 */
export function CommunityFeed({ slug, action, form }: { slug: string; action?: ReactNode; form?: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('type');
  const filters: FeedFilters = {
    kind: kindParam && (ALL_KINDS as string[]).includes(kindParam) ? (kindParam as PostKind) : undefined,
    rubrique: Number(params.get('rubrique')) > 0 ? Number(params.get('rubrique')) : undefined,
    tag: params.get('motcle') || undefined,
  };
  const posts = useFilteredCommunityPosts(slug, filters);
  const rubriques = useRubriques(slug).data?.items ?? [];
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.kind || filters.rubrique || filters.tag);
  const visit = posts.data?.pages[0]?.visit;

  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  // Tags seen on this page, to filter with one click.
  const seenTags = [...new Set(items.flatMap((p) => p.tags))].filter((t) => t !== filters.tag).slice(0, 12);

  return (
    <section aria-labelledby="posts-title">
      {/* The title, the filters and « Publier » share one line: the publications start right below. */}
      <div className="feed-head">
        <h2 id="posts-title">Publications</h2>
        <div className="feed-filters__fields" role="group" aria-label="Filtrer les publications">
          <Select
            name="type"
            label="Type"
            placeholder="Tous les types"
            options={ALL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            value={filters.kind ?? ''}
            onChange={(v) => set('type', v)}
          />
          {rubriques.length > 0 ? (
            <Select
              name="rubrique"
              label="Rubrique"
              placeholder="Toutes les rubriques"
              options={rubriques.map((r) => ({ value: String(r.id), label: r.name }))}
              value={filters.rubrique ? String(filters.rubrique) : ''}
              onChange={(v) => set('rubrique', v)}
            />
          ) : null}
        </div>
        {action}
      </div>
      {form}
      <div className="feed-filters">
        {filters.tag || seenTags.length > 0 ? (
          <div className="tag-chips">
            <span className="small muted" id="tag-chips-label">Mots-clés :</span>
            <ul className="plain-list row" aria-labelledby="tag-chips-label">
              {filters.tag ? (
                <li>
                  <Button small variant="primary" aria-pressed onPress={() => set('motcle', undefined)} aria-label={`Retirer le filtre « ${filters.tag} »`}>
                    #{filters.tag} <span aria-hidden="true">×</span>
                  </Button>
                </li>
              ) : null}
              {seenTags.map((t) => (
                <li key={t}>
                  <Button small variant="secondary" aria-pressed={false} onPress={() => set('motcle', t)}>#{t}</Button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {filtered ? (
          <p className="small">
            <Button small variant="ghost" onPress={() => setParams(new URLSearchParams(), { replace: true })}>Effacer les filtres</Button>
          </p>
        ) : null}
      </div>
      <QueryState query={posts} loading="Chargement des publications…">
        {() =>
          items.length === 0 ? (
            <p className="muted">{filtered ? 'Aucune publication ne correspond à ces filtres.' : 'Aucune publication pour le moment.'}</p>
          ) : (
            <>
              <p className="visually-hidden" role="status">{filtered ? `${items.length} publication(s) affichée(s) avec ces filtres.` : ''}</p>
              {visit ? <SinceLastVisit slug={slug} visit={visit} unread={items.some((p) => p.isNew || p.unreadComments)} /> : null}
              <PostList posts={items} showCommunity={false} compact />
              <LoadMore query={posts} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

/** « n nouvelles publications depuis votre dernière visite », and « Tout marquer comme lu ». */
function SinceLastVisit({ slug, visit, unread }: { slug: string; visit: Visit; unread: boolean }) {
  const mark = useMarkAllRead(slug);
  if (visit.newPosts === 0 && !unread) return null;
  const count = visit.newPosts > 99 ? '99 et plus' : String(visit.newPosts);
  return (
    <div className="row since-visit">
      <p className="small" id="since-visit">
        {visit.newPosts > 0
          ? `${count} ${visit.newPosts > 1 ? 'nouvelles publications' : 'nouvelle publication'} depuis votre dernière visite.`
          : 'Des commentaires sont arrivés depuis votre dernière lecture.'}
      </p>
      <Button variant="secondary" small isPending={mark.isPending} onPress={() => mark.mutate()}>Tout marquer comme lu</Button>
      {mark.error ? <Alert tone="error"><p>{mark.error.message}</p></Alert> : null}
    </div>
  );
}
