import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { isCommunityStaff } from '../communities/policy.js';
import { canView } from './policy.js';
import { findComment, findPost, type CommentContextRow, type PostRow } from './queries.js';
import { findPostState, type PostStateRow } from './post-state.js';

/**
 * Loads what a route acts on, answering "not found" alike for what does not exist,
 * was deleted, or sits in a community the user may not see (drafts must not leak).
 */

export async function loadVisiblePost(db: DbOrTx, id: number, user: CurrentUser | null): Promise<PostRow> {
  const row = await findPost(db, id, user);
  if (!row) throw new AppError('POST_NOT_FOUND');
  assertVisible(row, Boolean(row.hidden_at), user);
  return row;
}

/**
 * The same rules as loadVisiblePost, on the cheap state row (hot paths: the post page, commenting); the post page
 * also records the reading (`recordRead`, see findPostState).
 */
export async function loadVisiblePostState(db: DbOrTx, id: number, user: CurrentUser | null, recordRead = false): Promise<PostStateRow> {
  const row = await findPostState(db, id, user, recordRead);
  if (!row) throw new AppError('POST_NOT_FOUND');
  assertVisible(row, row.hidden, user);
  return row;
}

function assertVisible(row: Pick<PostStateRow, 'community_status' | 'my_role' | 'author_id'>, hidden: boolean, user: CurrentUser | null): void {
  if (!canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('POST_NOT_FOUND');
  // Hidden by moderation: only its author (who sees why) and the moderators still read it.
  if (hidden && user?.id !== row.author_id && !isCommunityStaff(user, row.my_role)) throw new AppError('POST_NOT_FOUND');
}

/** A live comment of a visible post. */
export async function loadVisibleComment(db: DbOrTx, id: number, user: CurrentUser | null): Promise<CommentContextRow> {
  const row = await findComment(db, id, user);
  if (!row || row.deleted || !canView(user, { status: row.community_status, role: row.my_role })) {
    throw new AppError('COMMENT_NOT_FOUND');
  }
  return row;
}
