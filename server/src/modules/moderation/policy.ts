import type { CurrentUser } from '../../types.js';
import { isNationalAdmin } from '../communities/policy.js';

/**
 * Who moderates what. Animators and coordinators moderate their community (the communities
 * policy's `moderate`), the national team moderates everywhere and alone bans from the network.
 * The rank rule of each decision (`actionRefusal`) is sanctions/rank.ts: the posts module applies it too.
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
