import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { parisFormat } from '../../../../common/time/index.js';

/**
 * A suspended member may not post or comment in the community until the end date.
 * Called by the posts service inside its write transaction, so every kind of post is covered.
 */
export async function assertNotSuspended(db: DbOrTx, communityId: number, userId: number): Promise<void> {
  const { rows } = await db.execute<{ until: Date }>(sql`
    SELECT until FROM community_suspensions
     WHERE community_id = ${communityId} AND user_id = ${userId} AND until > now()`);
  const until = rows[0]?.until;
  if (until) throw suspendedError(new Date(until));
}

export function frenchDateTime(d: Date): string {
  return parisFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

export function suspendedError(until: Date): AppError {
  return new AppError(
    'SUSPENDED',
    `Vous êtes suspendu·e de cette e-communauté jusqu’au ${frenchDateTime(until)} : vous ne pouvez ni publier ni commenter d’ici là.`,
    { until: until.toISOString() },
  );
}
