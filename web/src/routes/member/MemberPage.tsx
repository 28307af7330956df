import { Link, useParams } from 'react-router';
import { useUser } from '../../api/users';
import type { PublicProfile } from '../../api/types';
import { departementName } from '../../lib/departements';
import { formatDate, fullName } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Badge, Card } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { NotFound } from '../not-found/NotFoundPage';

export default function MemberPage() {
  const id = Number(useParams().id);
  const user = useUser(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return <PageQuery query={user}>{(u) => <Profile u={u} />}</PageQuery>;
}

function Profile({ u }: { u: PublicProfile }) {
  useTitle(fullName(u));
  return (
    <div className="narrow stack">
      <div>
        <h1>{fullName(u)}</h1>
        <p className="lead">{[u.job, u.employer].filter(Boolean).join(' — ')}</p>
        <p className="muted">
          {u.departement ? <>{departementName(u.departement)} · </> : null}
          Membre depuis le {formatDate(u.createdAt)}
        </p>
      </div>
      {u.bio ? (
        <Card as="section">
          <h2 className="card__title">Présentation</h2>
          <p className="pre-line">{u.bio}</p>
        </Card>
      ) : null}
      <MembershipsCard memberships={u.memberships} title="E-communautés" empty="Ce membre n’a rejoint aucune e-communauté." />
    </div>
  );
}

export function MembershipsCard({ memberships, title, empty }: { memberships: PublicProfile['memberships']; title: string; empty: string }) {
  return (
    <Card as="section">
      <h2 className="card__title">{title}</h2>
      {memberships.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain-list">
          {memberships.map((m) => (
            <li key={m.community.id}>
              <Link to={`/communautes/${m.community.slug}`}>{m.community.name}</Link>{' '}
              {m.role !== 'member' ? <Badge tone="info">{ROLE_LABELS[m.role]}</Badge> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
