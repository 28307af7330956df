import { Link } from 'react-router';
import { LEGAL_PAGES } from '../../api/site';
import { RequireAuth } from '../../components/RequireAuth';
import { useTitle } from '../../lib/useTitle';
import { Tabs } from '../../ui';
import { CommunitiesAdmin } from './CommunitiesAdmin';
import { Outbox } from './Outbox';
import { SecondFactorAdmin } from './SecondFactorAdmin';
import { ReasonsAdmin } from '../moderation/ReasonsAdmin';

export default function AdminPage() {
  useTitle('Administration');
  return (
    <RequireAuth admin>
      <h1>Administration</h1>
      <Tabs
        label="Sections de l’administration"
        tabs={[
          { id: 'communautes', label: 'E-communautés', content: <CommunitiesAdmin /> },
          { id: 'pages', label: 'Pages légales', content: <LegalPagesAdmin /> },
          { id: 'courriels', label: 'Courriels envoyés', content: <Outbox /> },
          { id: 'signalements', label: 'Motifs de signalement', content: <ReasonsAdmin /> },
          { id: 'second-facteur', label: 'Second facteur', content: <SecondFactorAdmin /> },
        ]}
      />
    </RequireAuth>
  );
}

function LegalPagesAdmin() {
  return (
    <section aria-labelledby="legal-admin-title">
      <h2 id="legal-admin-title">Pages légales</h2>
      <p>Ouvrez une page puis utilisez le bouton « Modifier la page ». Chaque modification crée une nouvelle version.</p>
      <ul>
        {LEGAL_PAGES.map((p) => <li key={p.slug}><Link to={`/pages/${p.slug}`}>{p.label}</Link></li>)}
      </ul>
    </section>
  );
}
