import { useCurrentUser } from '../../api/session';
import { RequireAuth } from '../../components/RequireAuth';
import { useTitle } from '../../lib/useTitle';
import { Alert, Spinner } from '../../ui';
import { useImportTargets } from './api';
import { CsvImport } from './CsvImport';
import { WelcomeCampaign } from './WelcomeCampaign';
import './member-import.css';

/** « Import »: CSV member lists (national team, coordinators) and the welcome campaign (national team). */
export default function ImportPage() {
  useTitle('Import de membres');
  return (
    <RequireAuth>
      <h1>Import de membres</h1>
      <ImportSections />
    </RequireAuth>
  );
}

function ImportSections() {
  const user = useCurrentUser();
  const targets = useImportTargets();
  if (targets.isPending) return <Spinner />;
  if (targets.isError) {
    return <Alert tone="error"><p>L’import de membres est réservé à l’équipe nationale et à la coordination des e-communautés.</p></Alert>;
  }
  return (
    <div className="stack">
      <CsvImport targets={targets.data.items} />
      {user?.nationalRole === 'admin' ? <WelcomeCampaign /> : null}
    </div>
  );
}
