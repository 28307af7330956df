import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole } from '../communities/policy.js';
import { AppError } from '../../lib/errors.js';
import { ACTIONS, type ModerationAction } from '../../../../common/api/moderation.js';

/**
 * Nobody moderates upwards or sideways: a decision on someone's content or person needs a rank
 * strictly above the author's (member < animator < coordinator of that community < national team),
 * so an animator never hides, rewrites or suspends a coordinator, and nobody decides on their own content.
 * Below the posts module (its delete and its moderators' view apply the same rule), above nothing but communities.
 */

/** Rank in a community: the national team is above every community role, everywhere. */
export function moderationRank(nationalRole: string | null, role: CommunityRole | null): number {
  if (nationalRole === 'admin') return 3;
  if (role === 'coordinator') return 2;
  return role === 'animator' ? 1 : 0;
}

/** The person deciding: their role in the item's community and whether that community lets them moderate. */
export interface Moderator {
  user: CurrentUser;
  role: CommunityRole | null;
  moderate: boolean;
}

/** The author of the item, with their roles where the item lives. */
export interface ItemAuthor {
  id: number;
  nationalRole: string | null;
  role: CommunityRole | null;
}

/** Actions aimed at the author rather than the item. */
export function targetsAuthor(action: ModerationAction): boolean {
  return action === 'warn' || action === 'suspend' || action === 'ban';
}

/** Why `mod` may not take `action` on an item by `author`, or null when they may. */
export function actionRefusal(mod: Moderator, author: ItemAuthor, action: ModerationAction): AppError | null {
  if (!mod.moderate) return new AppError('FORBIDDEN');
  if (action === 'ban' && !isNationalAdmin(mod.user)) return new AppError('FORBIDDEN');
  if (author.id === mod.user.id) {
    return new AppError('FORBIDDEN', targetsAuthor(action)
      ? 'On ne se sanctionne pas soi-même.'
      : 'Une autre personne de l’équipe de modération doit décider pour votre propre contenu.');
  }
  if (moderationRank(author.nationalRole, author.role) >= moderationRank(mod.user.nationalRole, mod.role)) {
    return new AppError('MODERATION_RANK');
  }
  return null;
}

/** The actions `mod` may take on an item by `author`, for the client to offer only those. */
export function allowedActions(mod: Moderator, author: ItemAuthor): ModerationAction[] {
  return ACTIONS.filter((action) => actionRefusal(mod, author, action) === null);
}

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
