import { useCurrentUser } from '../../api/session';
import { Button } from '../../ui';
import { useFollow, useSetFollow } from './api';

/** "Suivre" toggle on a community page: a new post there then notifies me. Members only. */
export function FollowButton({ slug, isMember }: { slug: string; isMember: boolean }) {
  const user = useCurrentUser();
  const enabled = Boolean(user) && isMember;
  const follow = useFollow(slug, enabled);
  const setFollow = useSetFollow(slug);
  if (!enabled || !follow.data) return null;
  const following = follow.data.following;
  return (
    <Button variant="secondary" small aria-pressed={following} isPending={setFollow.isPending} onPress={() => setFollow.mutate(!following)}>
      {following ? <span aria-hidden="true">✓ </span> : null}Suivre les nouvelles publications
    </Button>
  );
}
