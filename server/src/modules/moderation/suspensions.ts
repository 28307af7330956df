import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { named } from '../../lib/named-query.js';
import { AppError } from '../../lib/errors.js';

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

/** Same rule for a comment, given the post it answers. */
export async function assertNotSuspendedOnPost(db: DbOrTx, postId: number, userId: number): Promise<void> {
  // Named: planned once per connection (runs with every comment).
  const rows = await named<{ until: string }>(db, 'suspension-on-post', sql`
    SELECT s.until FROM posts p
      JOIN community_suspensions s ON s.community_id = p.community_id AND s.user_id = ${userId}
     WHERE p.id = ${postId} AND s.until > now()`);
  const until = rows[0]?.until;
  if (until) throw suspendedError(new Date(until));
}

export function frenchDateTime(d: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d);
}

function suspendedError(until: Date): AppError {
  return new AppError(
    'SUSPENDED',
    `Vous êtes suspendu·e de cette e-communauté jusqu’au ${frenchDateTime(until)} : vous ne pouvez ni publier ni commenter d’ici là.`,
    { until: until.toISOString() },
  );
}
