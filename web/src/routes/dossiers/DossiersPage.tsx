import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Card, LoadMore, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { useCreateDossier, useDossiers, type Dossier, type DossierSummary } from './api';
import { DossierForm } from './DossierForm';
import './dossiers.css';

export default function DossiersPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <DossiersView c={c} />}</PageQuery>;
}

/** Staff compose dossiers in an open community (the server decides; this only shows the form). */
export function canEditDossiers(c: Community): boolean {
  return c.can.moderate && c.status === 'open';
}

function DossiersView({ c }: { c: Community }) {
  useTitle(`Dossiers – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Dossiers</h1>
        </div>
      </div>
      <CommunityNav c={c} />
      <p className="lead">Des sélections de publications réunies et présentées par l’animation de l’e-communauté.</p>
      <DossierList slug={c.slug} headingLevel={2} />
      {canEditDossiers(c) ? <NewDossier slug={c.slug} /> : null}
    </>
  );
}

export function DossierList({ slug, headingLevel }: { slug: string; headingLevel: 2 | 3 }) {
  const dossiers = useDossiers(slug);
  const items = dossiers.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState query={dossiers} loading="Chargement des dossiers…">
      {() => items.length === 0 ? <p className="muted">Aucun dossier pour le moment.</p> : (
        <>
          <ul className="plain-list dossier-grid">
            {items.map((d) => <DossierCard key={d.id} d={d} slug={slug} headingLevel={headingLevel} />)}
          </ul>
          <LoadMore query={dossiers} />
        </>
      )}
    </QueryState>
  );
}

function DossierCard({ d, slug, headingLevel }: { d: DossierSummary; slug: string; headingLevel: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card dossier-card">
      {d.cover ? <img className="dossier-card__cover" src={d.cover.url} alt={d.cover.alt} loading="lazy" referrerPolicy="no-referrer" /> : null}
      <H className="dossier-card__title"><Link to={`/communautes/${slug}/dossiers/${d.id}`}>{d.title}</Link></H>
      {d.excerpt ? <p>{d.excerpt}</p> : null}
      <p className="muted small">{plural(d.itemCount, 'publication')}</p>
    </li>
  );
}

function NewDossier({ slug }: { slug: string }) {
  const create = useCreateDossier(slug);
  const [created, setCreated] = useState<Dossier | null>(null);
  return (
    <Card as="section" className="dossier-new">
      <h2 className="card__title">Nouveau dossier</h2>
      {created ? (
        <Alert tone="success"><p>Le dossier « {created.title} » est créé. <Link to={`/communautes/${slug}/dossiers/${created.id}`}>Ouvrir le dossier pour y ajouter des publications</Link></p></Alert>
      ) : null}
      <DossierForm
        label="Nouveau dossier"
        submitLabel="Créer le dossier"
        pending={create.isPending}
        onSubmit={async (input) => { setCreated(null); setCreated(await create.mutateAsync(input)); }}
      />
    </Card>
  );
}
