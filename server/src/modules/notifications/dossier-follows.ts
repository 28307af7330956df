import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/** Following a dossier: a post added to it notifies its followers (through the outbox, like community follows). */

export async function setDossierFollow(db: DbOrTx, dossierId: number, userId: number, follow: boolean): Promise<void> {
  await db.execute(follow
    ? sql`INSERT INTO dossier_follows (dossier_id, user_id) VALUES (${dossierId}, ${userId}) ON CONFLICT DO NOTHING`
    : sql`DELETE FROM dossier_follows WHERE dossier_id = ${dossierId} AND user_id = ${userId}`);
}

export async function isFollowingDossier(db: DbOrTx, dossierId: number, userId: number): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM dossier_follows WHERE dossier_id = ${dossierId} AND user_id = ${userId}`);
  return rows.length > 0;
}

/**
 * In the transaction that adds a post to a dossier: one outbox event when the dossier has followers,
 * fanned out by the notifications job (the post's author is the actor, and is never notified of it).
 */
export async function notifyDossierPostAdded(tx: DbOrTx, dossierId: number, postId: number): Promise<void> {
  await tx.execute(sql`
    WITH ev AS (
      INSERT INTO notification_events (kind, actor_id, community_id, post_id, dossier_id, data)
      SELECT 'dossier_post', p.author_id, d.community_id, p.id, d.id, jsonb_build_object('title', p.title, 'dossier', d.title)
        FROM dossiers d JOIN posts p ON p.id = ${postId}
       WHERE d.id = ${dossierId} AND EXISTS (SELECT 1 FROM dossier_follows f WHERE f.dossier_id = d.id)
      RETURNING id)
    SELECT pg_notify('notification_events', id::text) FROM ev`);
}
