import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { draftApi, draftKeys, useDiscardDraft, useDraftList, type DraftSummary } from '../../api/drafts';
import { RequireAuth } from '../../components/RequireAuth';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, LoadMore, QueryState } from '../../ui';
import './drafts.css';

const KIND_LABELS: Record<DraftSummary['kind'], string> = {
  post: 'Nouvelle publication',
  comment: 'Commentaire',
  message: 'Message privé',
  report: 'Rapport d’activité',
};

/** /brouillons — « Mes brouillons »: what I started writing and did not publish, on any device. */
export default function DraftsPage() {
  useTitle('Mes brouillons');
  return (
    <RequireAuth>
      <div className="page-head"><h1>Mes brouillons</h1></div>
      <p className="muted">Ce que vous avez commencé à écrire est enregistré au fil de la saisie, sur tous vos appareils. Un brouillon disparaît quand vous publiez son texte.</p>
      <DraftList />
    </RequireAuth>
  );
}

function DraftList() {
  const drafts = useDraftList();
  return (
    <QueryState query={drafts} loading="Chargement des brouillons…">
      {(data) => {
        const items = data.pages.flatMap((p) => p.items);
        if (items.length === 0) return <p>Aucun brouillon en cours.</p>;
        return (
          <>
            <ul className="plain-list draft-list">
              {items.map((d) => <DraftCard key={d.place} draft={d} />)}
            </ul>
            <LoadMore query={drafts} label="Charger plus de brouillons" />
          </>
        );
      }}
    </QueryState>
  );
}

function DraftCard({ draft }: { draft: DraftSummary }) {
  const discard = useDiscardDraft();
  const headingId = `brouillon-${draft.place.replace(/:/g, '-')}`;
  return (
    <li>
      <article className="card draft-card" aria-labelledby={headingId}>
        <p className="small"><Badge>{KIND_LABELS[draft.kind]}</Badge></p>
        <h2 className="card__title" id={headingId}>
          {draft.title || (draft.target ? draft.target.label : KIND_LABELS[draft.kind])}
        </h2>
        <p className="muted small">
          {draft.target ? <>Pour : {draft.target.url ? <Link to={draft.target.url}>{draft.target.label}</Link> : draft.target.label} · </> : null}
          Enregistré le <time dateTime={draft.updatedAt}>{formatDateTime(draft.updatedAt)}</time>
        </p>
        {draft.unavailable ? <Alert tone="warning"><p>{draft.unavailable}</p></Alert> : null}
        <p className="draft-card__excerpt">{draft.excerpt}</p>
        {draft.unavailable ? <FullText place={draft.place} /> : null}
        <div className="row">
          {draft.target?.url && !draft.unavailable ? <Link className="btn btn--secondary btn--small" to={draft.target.url}>Reprendre</Link> : null}
          <Button variant="ghost" small isPending={discard.isPending} onPress={() => discard.mutate(draft.place)}>Supprimer le brouillon</Button>
        </div>
        {discard.error ? <Alert tone="error"><p>{discard.error.message}</p></Alert> : null}
      </article>
    </li>
  );
}

/** The whole text of a draft that can no longer be published, to copy it elsewhere. */
function FullText({ place }: { place: string }) {
  const full = useQuery({ queryKey: [...draftKeys.one(place), 'full'], queryFn: () => draftApi.get(place) });
  return (
    <details className="draft-card__full">
      <summary>Afficher tout le texte pour le copier</summary>
      {full.data?.draft ? <pre className="draft-card__text">{full.data.draft.body}</pre> : <p className="muted small">Chargement…</p>}
    </details>
  );
}
