import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { communityAbilities, type CommunityRole, type CommunityStatus } from '../communities/policy.js';
import { moderationRank } from '../sanctions/rank.js';
import type { PostAbilities } from '../../../../common/api/posts.js';

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

/** The author's ranks where the content lives (moderation policy: staff act only on lower ranks). */
export interface AuthorRanks {
  nationalRole: string | null;
  role: CommunityRole | null;
}

/**
 * Staff removing someone else's content: the moderation rank rule. Without the author's ranks (callers
 * that only ask about reading, like revisions), any moderator qualifies.
 */
function staffMayRemove(user: CurrentUser | null, moderate: boolean, access: CommunityAccess, author?: AuthorRanks): boolean {
  if (!moderate || user === null) return false;
  return author === undefined || moderationRank(user.nationalRole, access.role) > moderationRank(author.nationalRole, author.role);
}

export function postAbilities(user: CurrentUser | null, post: { authorId: number; author?: AuthorRanks }, access: CommunityAccess): PostAbilities {
  const community = communityAbilities(user, access, access.role);
  const author = user !== null && user.id === post.authorId;
  return {
    // Archived communities are read-only, and writing always needs a verified address.
    edit: author && access.status === 'open' && user.emailVerified,
    // Authors may always withdraw their own words; staff keep the community clean, below their own rank.
    delete: author || staffMayRemove(user, community.moderate, access, post.author),
    comment: community.post,
    // Finding one's own post useful says nothing to other readers.
    markUseful: community.post && !author,
    moderate: !author && staffMayRemove(user, community.moderate, access, post.author),
  };
}

export function commentAbilities(
  user: CurrentUser | null,
  comment: { authorId: number; deleted: boolean; author?: AuthorRanks },
  access: CommunityAccess,
): { edit: boolean; delete: boolean; moderate: boolean } {
  if (comment.deleted) return { edit: false, delete: false, moderate: false };
  const community = communityAbilities(user, access, access.role);
  const author = user !== null && user.id === comment.authorId;
  return {
    edit: author && access.status === 'open' && user.emailVerified,
    delete: author || staffMayRemove(user, community.moderate, access, comment.author),
    moderate: !author && staffMayRemove(user, community.moderate, access, comment.author),
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
