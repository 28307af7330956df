import { useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { useTitle } from '../../lib/useTitle';
import { Alert, Card, QueryState } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { BarChart } from '../steering/charts';
import { monthLabel } from '../../lib/format';
import '../steering/steering.css';
import { freshness, useAudience } from './api';

/** /communautes/:slug/audience — members over time, daily and monthly active members, reads. */
export default function AudiencePage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <AudienceView c={c} />}</PageQuery>;
}

function AudienceView({ c }: { c: Community }) {
  useTitle(`Audience – ${c.name}`);
  const audience = useAudience(c.slug, c.can.moderate);
  return (
    <div className="stack">
      <h1>Audience — {c.name}</h1>
      <CommunityNav c={c} />
      {!c.can.moderate ? <Alert tone="info"><p>Cette page est réservée à l’équipe d’animation de l’e-communauté.</p></Alert> : (
        <QueryState query={audience} loading="Calcul de l’audience…">
          {(a) => (
            <>
              <p className="muted">
                Mesure sans traceur tiers : les lectures sont comptées par notre serveur, sans adresse IP ni identité du lecteur ; un membre actif compte une fois par jour.
                {a.refreshedAt ? ` Séries mensuelles : ${freshness(a.refreshedAt)}.` : ''}
              </p>
              <div className="steering-grid">
                <Card><h2>Membres en fin de mois</h2><BarChart title="Membres en fin de mois" unit="membres" bars={a.months.map((m) => ({ label: monthLabel(m.month, true), value: m.members }))} /></Card>
                <Card><h2>Membres actifs par mois</h2><BarChart title="Membres actifs par mois" unit="membres" bars={a.months.map((m) => ({ label: monthLabel(m.month, true), value: m.active }))} /></Card>
                <Card><h2>Membres actifs par jour (30 jours)</h2><BarChart title="Membres actifs par jour (30 jours)" unit="membres" bars={a.days.map((d) => ({ label: d.day.slice(8, 10), value: d.active }))} /></Card>
              </div>
              <section aria-labelledby="aud-top">
                <h2 id="aud-top">Publications les plus lues (30 jours)</h2>
                {a.topPosts.length === 0 ? <p className="muted">Aucune lecture enregistrée.</p> : (
                  <ol>{a.topPosts.map((p) => <li key={p.postId}><a href={`/publications/${p.postId}`}>{p.title}</a> — {p.views} lecture{p.views > 1 ? 's' : ''}</li>)}</ol>
                )}
              </section>
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
