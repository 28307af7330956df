import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Card } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { PendingList } from './PendingList';
import { SettingsForm } from './SettingsForm';
import { StatsPanel } from './StatsPanel';
import './questions.css';

/** /communautes/:slug/questions — the staff's "Questions à traiter", deadline rule and figures. */
export default function QuestionsPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <QuestionsView c={c} />}</PageQuery>;
}

function QuestionsView({ c }: { c: Community }) {
  useTitle(`Questions à traiter – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Questions à traiter</h1>
        </div>
        {c.can.moderate ? <p><Link to="/questions">Toutes mes e-communautés</Link></p> : null}
      </div>
      <CommunityNav c={c} />
      {!c.can.moderate ? (
        <Alert tone="info"><p>Cette page est réservée à l’équipe d’animation de l’e-communauté.</p></Alert>
      ) : (
        <div className="two-cols">
          <section aria-labelledby="pending-title">
            <h2 id="pending-title" className="visually-hidden">Questions en attente de réponse</h2>
            <PendingList slug={c.slug} />
          </section>
          <aside className="stack" aria-label="Délai et indicateurs">
            <Card as="section">
              <h2 className="card__title">Délai de réponse</h2>
              <SettingsForm slug={c.slug} />
            </Card>
          </aside>
          <section aria-labelledby="stats-title" className="questions-stats">
            <h2 id="stats-title">Indicateurs</h2>
            <StatsPanel slug={c.slug} />
          </section>
        </div>
      )}
    </>
  );
}
