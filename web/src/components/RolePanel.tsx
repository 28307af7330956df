import { useState } from 'react';
import { Link } from 'react-router';
import { useSetRole } from '../api/communities';
import type { CommunityRole, UserRef } from '../api/types';
import { fullName } from '../lib/format';
import { Alert, Button } from '../ui';
import { UserPicker } from './UserPicker';

interface Props {
  slug: string;
  role: Extract<CommunityRole, 'animator' | 'coordinator'>;
  people: UserRef[];
  /** Section title, e.g. "Animateurs". */
  title: string;
  headingLevel?: 2 | 3;
}

const NOUN: Record<Props['role'], string> = { animator: 'animateur·rice', coordinator: 'coordinateur·rice' };

/** Lists the people holding a role in a community, with appoint (user search) and remove actions. */
export function RolePanel({ slug, role, people, title, headingLevel = 2 }: Props) {
  const setRole = useSetRole(slug);
  const [notice, setNotice] = useState<string | null>(null);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const change = async (user: UserRef, next: CommunityRole, message: string) => {
    setNotice(null);
    try {
      await setRole.mutateAsync({ userId: user.id, role: next });
      setNotice(message);
      return true;
    } catch {
      // the error is shown from the mutation state below
      return false;
    }
  };
  return (
    <section className="stack" aria-labelledby={`role-${role}`}>
      <H id={`role-${role}`}>{title}</H>
      {people.length === 0 ? (
        <p className="muted">Personne n’a encore ce rôle.</p>
      ) : (
        <ul className="plain-list picker__results">
          {people.map((u) => (
            <li key={u.id}>
              <Link to={`/membres/${u.id}`}>{fullName(u)}</Link>
              <Button
                variant="secondary"
                small
                isDisabled={setRole.isPending}
                aria-label={`Retirer le rôle de ${NOUN[role]} à ${fullName(u)}`}
                onPress={() => void change(u, 'member', `${fullName(u)} n’est plus ${NOUN[role]}.`)}
              >
                Retirer
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {notice ? <Alert tone="success" live={false}><p>{notice}</p></Alert> : null}
        {setRole.error ? <Alert tone="error" live={false}><p>{setRole.error.message}</p></Alert> : null}
      </div>
      <UserPicker
        label={`Rechercher un membre à nommer ${NOUN[role]}`}
        actionLabel={`Nommer ${NOUN[role]}`}
        isPending={setRole.isPending}
        onPick={(u) => change(u, role, `${fullName(u)} est désormais ${NOUN[role]}.`)}
      />
    </section>
  );
}
