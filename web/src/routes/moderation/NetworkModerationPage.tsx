import { Link } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { useTitle } from '../../lib/useTitle';
import { Tabs } from '../../ui';
import { AuditList } from './AuditList';
import { QueueList } from './QueueList';
import { StatsPanel } from './StatsPanel';
import './moderation.css';

/** /moderation — the national team's view over every e-community. */
export default function NetworkModerationPage() {
  useTitle('Modération du réseau');
  return (
    <RequireAuth admin>
      <h1>Modération du réseau</h1>
      <p className="muted">Les signalements de toutes les e-communautés, les chiffres et le journal des décisions.</p>
      <p><Link to="/moderation/messages">Messages privés signalés</Link> (chacun vous est montré seul, sans sa conversation)</p>
      <p><Link to="/journal-de-securite">Journal de sécurité</Link> (connexions ProConnect refusées)</p>
      <Tabs
        label="Sections de la modération du réseau"
        tabs={[
          { id: 'file', label: 'Signalements en attente', content: <section aria-label="Signalements en attente"><QueueList slug={null} /></section> },
          { id: 'chiffres', label: 'Chiffres', content: <section aria-label="Chiffres de la modération"><StatsPanel slug={null} /></section> },
          { id: 'journal', label: 'Journal', content: <section aria-label="Journal de modération"><AuditList slug={null} /></section> },
        ]}
      />
    </RequireAuth>
  );
}
