import { Link } from 'react-router';
import { formatDate, monthLabel } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, QueryState, Tabs } from '../../ui';
import { BarChart } from '../steering/charts';
import { percent } from '../reports/format';
import '../steering/steering.css';
import './national.css';
import { useNetworkMe } from '../network/api';
import { freshness, useNationalDashboard, useRefreshNational, type NationalDashboard } from './api';
import { ContractsAdmin } from './ContractsAdmin';
import { CommunityWizard } from './CommunityWizard';
import { EventsAdmin } from './EventsAdmin';
import { CnfptSourcesAdmin } from './CnfptSourcesAdmin';

/** /pilotage-national — the national team's dashboard and tools. */
export default function NationalPage() {
  useTitle('Pilotage national');
  const me = useNetworkMe();
  return (
    <>
      <h1>Pilotage national</h1>
      <QueryState query={me}>
        {(m) => m.admin ? (
          <>
          <p>
            Membres venus de l’ancienne plateforme ou d’une liste : <Link to="/import">Import des membres et campagne de bienvenue</Link>.
          </p>
          <Tabs label="Outils du pilotage national" tabs={[
            { id: 'dashboard', label: 'Tableau de bord', content: <Dashboard /> },
            { id: 'create', label: 'Créer une e-communauté', content: <CommunityWizard /> },
            { id: 'network', label: 'Réseau des animateurs', content: <EventsAdmin /> },
            { id: 'contracts', label: 'Contrats et heures', content: <ContractsAdmin /> },
            { id: 'cnfpt', label: 'Ressources CNFPT', content: <CnfptSourcesAdmin /> },
          ]} />
          </>
        ) : <Alert tone="info"><p>Cette page est réservée à l’équipe nationale de pilotage.</p></Alert>}
      </QueryState>
    </>
  );
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((n / d) * 100)} %`);

function Dashboard() {
  const q = useNationalDashboard();
  const refresh = useRefreshNational();
  return (
    <QueryState query={q} loading="Chargement des indicateurs…">
      {(d) => (
        <div className="stack">
          <div className="row national-fresh">
            <p className="muted" data-testid="freshness">
              {d.refreshedAt ? `Indicateurs du mois de ${monthLabel(d.month!)} — ${freshness(d.refreshedAt)} (recalculés toutes les dix minutes).` : 'Indicateurs pas encore calculés.'}
            </p>
            <Button variant="secondary" small onPress={() => refresh.mutate()} isPending={refresh.isPending}>Recalculer maintenant</Button>
          </div>
          {refresh.error ? <Alert tone="error"><p>{refresh.error.message}</p></Alert> : null}
          <NetworkFigures d={d} />
          <CommunityTable d={d} />
        </div>
      )}
    </QueryState>
  );
}

function NetworkFigures({ d }: { d: NationalDashboard }) {
  const n = d.network;
  return (
    <section aria-labelledby="network-title" className="stack">
      <h2 id="network-title">Le réseau</h2>
      <ul className="national-kpis">
        <li><strong>{n.subscribers.toLocaleString('fr-FR')}</strong> abonné·es (personnes distinctes)</li>
        <li><strong>{n.memberships.toLocaleString('fr-FR')}</strong> adhésions cumulées</li>
        <li><strong>{n.activeMonth.toLocaleString('fr-FR')}</strong> membres actifs ce mois</li>
        <li><strong>{n.activeToday.toLocaleString('fr-FR')}</strong> actifs aujourd’hui</li>
        <li><strong>{n.communities}</strong> e-communautés</li>
      </ul>
      <div className="steering-grid">
        <Card><h3>Abonné·es du réseau, fin de mois</h3><BarChart title="Abonné·es du réseau, fin de mois" unit="abonné·es" bars={d.months.map((m) => ({ label: monthLabel(m.month, true), value: m.subscribers }))} /></Card>
        <Card><h3>Membres actifs par mois (réseau)</h3><BarChart title="Membres actifs par mois (réseau)" unit="membres" bars={d.months.map((m) => ({ label: monthLabel(m.month, true), value: m.active }))} /></Card>
        <Card><h3>Publications et commentaires par mois</h3><BarChart title="Publications et commentaires par mois" unit="messages" bars={d.months.map((m) => ({ label: monthLabel(m.month, true), value: m.posts + m.comments }))} /></Card>
      </div>
    </section>
  );
}

function CommunityTable({ d }: { d: NationalDashboard }) {
  return (
    <section aria-labelledby="side-title">
      <h2 id="side-title">Les e-communautés côte à côte</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="side-title">
        <table className="steering-table national-table">
          <caption className="visually-hidden">Indicateurs du mois pour chaque e-communauté</caption>
          <thead>
            <tr>
              <th scope="col">E-communauté</th><th scope="col">Abonné·es</th><th scope="col">Croissance du mois</th>
              <th scope="col">Publications / commentaires</th><th scope="col">Actifs du mois</th>
              <th scope="col">Réponses dans le délai</th><th scope="col">Signalements en attente / actions de modération</th>
              <th scope="col">Contributions de l’équipe / objectif</th>
            </tr>
          </thead>
          <tbody>
            {d.communities.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/communautes/${c.slug}`}>{c.name}</Link>
                  {c.status === 'draft' ? <span className="muted small"> (en préparation{c.launchDate ? `, lancement le ${formatDate(c.launchDate)}` : ''})</span> : null}
                </th>
                <td>{c.members.toLocaleString('fr-FR')}</td>
                <td>+{c.joinedMonth}{c.growth !== null ? ` (${c.growth.toLocaleString('fr-FR')} %)` : ''}</td>
                <td>{c.postsMonth} / {c.commentsMonth}</td>
                <td>{c.activeMonth}</td>
                <td>{c.questionsDue === 0 ? 'aucune issue connue' : `${percent(c.questionsInTime / c.questionsDue)} (${c.questionsInTime} sur ${c.questionsDue})`}</td>
                <td>{c.flagsPending} / {c.moderationActionsMonth}</td>
                <td>{c.contributionsMonth} / {c.contributionsTarget}{c.contributionsTarget > 0 ? ` (${pct(c.contributionsMonth, c.contributionsTarget)})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
