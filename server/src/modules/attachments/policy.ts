import type { CurrentUser } from '../../types.js';
import { communityAbilities, isCommunityStaff, type CommunityRole, type CommunityStatus } from '../communities/policy.js';

/**
 * Who reads and manages attachments. A file attached to a post is read by whoever reads the post;
 * a file not yet attached only by the person who uploaded it. An image put in a text by the editor (`inline`)
 * is read by whoever reads the community: the text it is in (post, comment, draft being written) is only ever
 * shown to them, and it carries no link to that text. Shown elsewhere (pasted into another community's post),
 * it stays unreadable to those who do not read its own community: they get a 404 and its alternative text.
 */

export interface AttachmentAccess {
  uploaderId: number;
  postId: number | null;
  postDeleted: boolean;
  /** Hidden by moderation: its files are read as the post is, by its author and the community's staff only. */
  postHidden: boolean;
  postAuthorId: number | null;
  inline: boolean;
  communityStatus: CommunityStatus;
  myRole: CommunityRole | null;
}

export function canReadAttachment(user: CurrentUser | null, a: AttachmentAccess): boolean {
  const community = communityAbilities(user, { status: a.communityStatus }, a.myRole);
  if (!community.view) return false;
  if (a.inline) return true;
  if (a.postId === null) return user !== null && user.id === a.uploaderId;
  if (a.postDeleted) return false;
  return !a.postHidden || (user !== null && user.id === a.postAuthorId) || isCommunityStaff(user, a.myRole);
}

/** The uploader removes their file; moderators remove any file of their community. */
export function canDeleteAttachment(user: CurrentUser | null, a: AttachmentAccess): boolean {
  if (!canReadAttachment(user, a)) return false;
  const community = communityAbilities(user, { status: a.communityStatus }, a.myRole);
  return (user !== null && user.id === a.uploaderId) || community.moderate;
}

/** What the person may do with a file: `read` it at all (else it is « not found »), `delete` it. */
export function attachmentAbilities(user: CurrentUser | null, a: AttachmentAccess): { read: boolean; delete: boolean } {
  return { read: canReadAttachment(user, a), delete: canDeleteAttachment(user, a) };
}
