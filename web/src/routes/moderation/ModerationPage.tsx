import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Tabs } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { AuditList } from './AuditList';
import { QueueList } from './QueueList';
import { StatsPanel } from './StatsPanel';
import './moderation.css';

/** /communautes/:slug/moderation — the community's review queue, figures and (coordination) audit log. */
export default function ModerationPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <ModerationView c={c} />}</PageQuery>;
}

function ModerationView({ c }: { c: Community }) {
  useTitle(`Modération – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Modération</h1>
        </div>
      </div>
      <CommunityNav c={c} />
      {!c.can.moderate ? (
        <Alert tone="info"><p>Cette page est réservée à l’équipe d’animation de l’e-communauté.</p></Alert>
      ) : (
        <Tabs
          label="Sections de la modération"
          tabs={[
            { id: 'file', label: 'Signalements en attente', content: <section aria-label="Signalements en attente"><QueueList slug={c.slug} /></section> },
            { id: 'chiffres', label: 'Chiffres', content: <section aria-label="Chiffres de la modération"><StatsPanel slug={c.slug} /></section> },
            ...(c.can.readModerationAudit ? [{ id: 'journal', label: 'Journal', content: <section aria-label="Journal de modération"><AuditList slug={c.slug} /></section> }] : []),
          ]}
        />
      )}
    </>
  );
}
