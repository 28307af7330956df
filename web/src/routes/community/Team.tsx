import { Link } from 'react-router';
import type { Community } from '../../api/types';
import { fullName } from '../../lib/format';
import { Card } from '../../ui';

export function Team({ c }: { c: Community }) {
  if (c.coordinators.length === 0 && c.animators.length === 0) return null;
  return (
    <Card as="section">
      <h2 className="card__title">L’équipe d’animation</h2>
      <People title="Coordination" people={c.coordinators} />
      <People title="Animation" people={c.animators} />
    </Card>
  );
}

function People({ title, people }: { title: string; people: Community['coordinators'] }) {
  if (people.length === 0) return null;
  return (
    <>
      <h3 className="about__title">{title}</h3>
      <ul className="plain-list team-list">
        {people.map((u) => (
          <li key={u.id}>
            <Link to={`/membres/${u.id}`}>{fullName(u)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
