import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { isoText } from '../../lib/cursor.js';
import { parisFormat } from '../../../../common/time/index.js';

/**
 * Community suspensions (table community_suspensions): written by a moderation decision, checked by every write of
 * content (posts, comments, shared pages, through the trust guard). A leaf below the content modules, so that they
 * can check a suspension without depending on the moderation module that decides it.
 */

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

/** Suspends a member from a community for `days` days from now (a later decision replaces an earlier one). */
export async function suspend(
  tx: DbOrTx, s: { communityId: number; userId: number; days: number; reason: string; actorId: number },
): Promise<{ previousUntil: string | null; until: Date }> {
  const prev = await tx.execute<{ until: string }>(sql`
    SELECT ${isoText('until')} AS until FROM community_suspensions WHERE community_id = ${s.communityId} AND user_id = ${s.userId}`);
  const { rows } = await tx.execute<{ until: Date }>(sql`
    INSERT INTO community_suspensions (community_id, user_id, until, reason, created_by)
    VALUES (${s.communityId}, ${s.userId}, now() + make_interval(days => ${s.days}), ${s.reason}, ${s.actorId})
    ON CONFLICT (community_id, user_id) DO UPDATE
      SET until = EXCLUDED.until, reason = EXCLUDED.reason, created_by = EXCLUDED.created_by, created_at = now()
    RETURNING until`);
  return { previousUntil: prev.rows[0]?.until ?? null, until: new Date(rows[0]!.until) };
}
