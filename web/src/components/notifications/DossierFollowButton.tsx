import { useCurrentUser } from '../../api/session';
import { Button } from '../../ui';
import { useDossierFollow, useSetDossierFollow } from './api';

/** "Suivre ce dossier" on a dossier page: each post added to it then notifies me. Community members only. */
export function DossierFollowButton({ dossierId }: { dossierId: number }) {
  const user = useCurrentUser();
  const follow = useDossierFollow(dossierId, Boolean(user));
  const setFollow = useSetDossierFollow(dossierId);
  if (!user || !follow.data?.canFollow) return null;
  const following = follow.data.following;
  return (
    <p>
      <Button variant="secondary" small aria-pressed={following} isPending={setFollow.isPending} onPress={() => setFollow.mutate(!following)}>
        {following ? <span aria-hidden="true">✓ </span> : null}Suivre ce dossier
      </Button>
    </p>
  );
}
