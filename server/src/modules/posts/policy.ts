import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { communityAbilities, type CommunityRole, type CommunityStatus } from '../communities/policy.js';
import type { PostAbilities } from './schema.js';

/**
 * Who may do what with posts and comments. Community-level rules (who posts, who moderates)
 * come from the communities policy; this file only adds authorship.
 */

export interface CommunityAccess {
  status: CommunityStatus;
  /** The current user's role in the post's community, null when not a member. */
  role: CommunityRole | null;
}

export function canView(user: CurrentUser | null, access: CommunityAccess): boolean {
  return communityAbilities(user, access, access.role).view;
}

export function postAbilities(user: CurrentUser | null, post: { authorId: number }, access: CommunityAccess): PostAbilities {
  const community = communityAbilities(user, access, access.role);
  const author = user !== null && user.id === post.authorId;
  return {
    // Archived communities are read-only, and writing always needs a verified address.
    edit: author && access.status === 'open' && user.emailVerified,
    // Authors may always withdraw their own words; staff keep the community clean.
    delete: author || community.moderate,
    comment: community.post,
    // Finding one's own post useful says nothing to other readers.
    markUseful: community.post && !author,
  };
}

export function commentAbilities(
  user: CurrentUser | null,
  comment: { authorId: number; deleted: boolean },
  access: CommunityAccess,
): { edit: boolean; delete: boolean } {
  if (comment.deleted) return { edit: false, delete: false };
  const community = communityAbilities(user, access, access.role);
  const author = user !== null && user.id === comment.authorId;
  return {
    edit: author && access.status === 'open' && user.emailVerified,
    delete: author || community.moderate,
  };
}

/**
 * Throws the precise reason a user may not contribute (post, comment, react) in a community,
 * so the client can say what to do next: sign in, confirm the address, join.
 */
export function assertCanContribute(user: CurrentUser | null, access: CommunityAccess): asserts user is CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
  if (access.status !== 'open') throw new AppError('COMMUNITY_NOT_OPEN');
  if (access.role === null) throw new AppError('NOT_MEMBER');
}
