import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { ButtonLink } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { DossierList } from './DossiersPage';
import './dossiers.css';

export default function EditorialLinePage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <EditorialView c={c} />}</PageQuery>;
}

/** The community's editorial frame, as agreed between its coordinator and animators, and its dossiers. */
function EditorialView({ c }: { c: Community }) {
  useTitle(`Ligne éditoriale – ${c.name}`);
  const blocks = [
    { title: 'Périmètre', text: c.perimeter },
    { title: 'Public visé', text: c.targetAudience },
    { title: 'Ligne éditoriale', text: c.editorialLine },
  ];
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Ligne éditoriale</h1>
        </div>
        {c.can.editEditorial ? <ButtonLink to={`/communautes/${c.slug}/gestion`} variant="secondary" small>Modifier la ligne éditoriale</ButtonLink> : null}
      </div>
      <CommunityNav c={c} />
      <dl className="editorial narrow">
        {blocks.map((b) => (
          <div key={b.title}>
            <dt>{b.title}</dt>
            <dd className="pre-line">{b.text || <span className="muted">Non renseigné pour le moment.</span>}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="editorial-dossiers">
        <h2 id="editorial-dossiers">Les dossiers</h2>
        <DossierList slug={c.slug} headingLevel={3} />
      </section>
    </>
  );
}
