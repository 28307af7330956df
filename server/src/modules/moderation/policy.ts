import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { isNationalAdmin, type CommunityRole } from '../communities/policy.js';
import { ACTIONS, type ModerationAction } from '../../../../common/api/moderation.js';

/**
 * Who moderates what. Animators and coordinators moderate their community (the communities
 * policy's `moderate`), the national team moderates everywhere and alone bans from the network.
 * Nobody moderates upwards or sideways: a decision on someone's content or person needs a rank
 * strictly above the author's (member < animator < coordinator of that community < national team),
 * so an animator never hides, rewrites or suspends a coordinator, and nobody decides on their own content.
 */

/**
 * The network's queue, audit log and figures are the national team's, as is the list of flag reasons. (A community's
 * audit log is read by its coordinator and the national team: the communities policy's `readModerationAudit`.)
 */
export function networkModerationAbilities(user: CurrentUser | null) {
  const admin = isNationalAdmin(user);
  return { moderate: admin, readAudit: admin, readStats: admin, editReasons: admin };
}

/** Whoever can read an item may flag it, once (the unique keys), except its author: they edit or delete it instead. */
export function flagAbilities(user: CurrentUser, item: { authorId: number }) {
  return { flag: item.authorId !== user.id };
}

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
