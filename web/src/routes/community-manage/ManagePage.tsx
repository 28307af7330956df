import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { CommunityForm } from '../../components/CommunityForm';
import { RequireAuth } from '../../components/RequireAuth';
import { RolePanel } from '../../components/RolePanel';
import { useTitle } from '../../lib/useTitle';
import { Alert, Card } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { RubriquesPanel } from './RubriquesPanel';

export default function ManagePage() {
  return (
    <RequireAuth>
      <Manage />
    </RequireAuth>
  );
}

function Manage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community}>{(c) => <ManageView c={c} />}</PageQuery>;
}

function ManageView({ c }: { c: Community }) {
  useTitle(`Gestion – ${c.name}`);
  const [saved, setSaved] = useState(false);
  if (!c.can.editEditorial && !c.can.appointAnimator && !c.can.moderate) {
    return (
      <>
        <h1>Gestion de l’e-communauté {c.name}</h1>
        <Alert tone="error"><p>Cette page est réservée à l’équipe d’animation et à la coordination de l’e-communauté.</p></Alert>
      </>
    );
  }
  return (
    <>
      <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
      <h1>Gestion de l’e-communauté {c.name}</h1>
      <div className="stack">
        {c.can.moderate ? <Card as="section"><RubriquesPanel slug={c.slug} /></Card> : null}
        {c.can.appointAnimator ? (
          <Card as="section"><RolePanel slug={c.slug} role="animator" title="Animateurs" people={c.animators} /></Card>
        ) : null}
        {c.can.appointCoordinator ? (
          <Card as="section"><RolePanel slug={c.slug} role="coordinator" title="Coordinateurs" people={c.coordinators} /></Card>
        ) : null}
        {c.can.editEditorial ? (
          <Card as="section">
            <h2>Présentation</h2>
            {saved ? <Alert tone="success"><p>Les modifications sont enregistrées.</p></Alert> : null}
            <CommunityForm community={c} full={false} submitLabel="Enregistrer la présentation" onDone={() => setSaved(true)} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
