import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole } from '../communities/policy.js';
import { actionRefusal, type ItemAuthor } from './policy.js';
import type { ModerationAction } from '../../../../common/api/moderation.js';

/** The author's ranks where the content lives: national role and role in that community. */
export async function loadItemAuthor(db: DbOrTx, communityId: number, authorId: number): Promise<ItemAuthor> {
  const { rows } = await db.execute<{ national_role: string | null; role: CommunityRole | null }>(sql`
    SELECT u.national_role, (SELECT m.role FROM memberships m WHERE m.community_id = ${communityId} AND m.user_id = u.id) AS role
      FROM users u WHERE u.id = ${authorId}`);
  return { id: authorId, nationalRole: rows[0]?.national_role ?? null, role: rows[0]?.role ?? null };
}

/**
 * Staff acting on someone else's content outside the moderation routes (the posts module's delete):
 * the same rank rule as a moderation decision, so no route lets an animator remove a coordinator's words.
 */
export async function assertOutranksAuthor(
  db: DbOrTx, user: CurrentUser, myRole: CommunityRole | null, communityId: number, authorId: number, action: ModerationAction,
): Promise<void> {
  if (authorId === user.id) return;
  const refusal = actionRefusal({ user, role: myRole, moderate: true }, await loadItemAuthor(db, communityId, authorId), action);
  if (refusal) throw refusal;
}
