import { useMembership } from '../api/communities';
import { Alert, Button } from '../ui';

interface Props {
  slug: string;
  name: string;
  isMember: boolean;
  /** Coordinators and animators cannot simply leave; the server's `can` decides on the community page. */
  canLeave?: boolean;
  canJoin?: boolean;
}

/** Join / leave button; its accessible name includes the community so lists of buttons stay distinct. */
export function MembershipButton({ slug, name, isMember, canLeave = true, canJoin = true }: Props) {
  const membership = useMembership(slug);
  if (isMember && !canLeave) return null;
  if (!isMember && !canJoin) return null;
  return (
    <>
      <Button
        variant={isMember ? 'secondary' : 'primary'}
        small
        isPending={membership.isPending}
        aria-label={`${isMember ? 'Quitter' : 'Rejoindre'} l’e-communauté ${name}`}
        onPress={() => membership.mutate(!isMember)}
      >
        {isMember ? 'Quitter' : 'Rejoindre'}
      </Button>
      {membership.error ? <Alert tone="error"><p>{membership.error.message}</p></Alert> : null}
    </>
  );
}
