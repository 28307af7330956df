import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { maybeOne, one, rows, run } from '../../db/query.js';
import { AppError } from '../../lib/errors.js';

/** Reading and marking notifications; fan-out of the outbox. */

export interface NotificationRow extends Record<string, unknown> {
  id: number;
  kind: string;
  /** Timestamps as PostgreSQL writes them (db.execute leaves them text). */
  created_at: string;
  read_at: string | null;
  post_id: number | null;
  comment_id: number | null;
  data: { title?: string; action?: string };
  actor_id: number | null;
  actor_first_name: string | null;
  actor_last_name: string | null;
  community_slug: string | null;
  community_name: string | null;
}

/**
 * What moderation took away (hidden or deleted) drops out of others' notifications; the item's author keeps
 * theirs, among them the notice telling why. Two primary-key probes per listed row.
 */
const STILL_SHOWN = sql`
  NOT EXISTS (SELECT 1 FROM posts xp WHERE xp.id = n.post_id AND xp.author_id <> n.user_id
                 AND (xp.hidden_at IS NOT NULL OR xp.deleted_at IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM comments xk WHERE xk.id = n.comment_id AND xk.author_id <> n.user_id
                     AND (xk.hidden_at IS NOT NULL OR xk.deleted_at IS NOT NULL))`;

const SELECT_ROWS = sql`
  SELECT n.id, n.kind, n.created_at, n.read_at, n.post_id, n.comment_id, n.data,
         n.actor_id, a.first_name AS actor_first_name, a.last_name AS actor_last_name,
         c.slug AS community_slug, c.name AS community_name
    FROM notifications n
    LEFT JOIN users a ON a.id = n.actor_id
    LEFT JOIN communities c ON c.id = n.community_id`;

/** Ids are the keyset: newest first over the (user_id, id DESC) index. */
export function decodeIdCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const n = Number(cursor);
  if (!/^\d{1,16}$/.test(cursor) || !Number.isSafeInteger(n) || n < 1) throw new AppError('INVALID_CURSOR');
  return n;
}

export async function listNotifications(db: DbOrTx, userId: number, before: number | null, limit: number) {
  const found = await rows<NotificationRow>(db, sql`
    ${SELECT_ROWS} WHERE n.user_id = ${userId} AND (${before}::bigint IS NULL OR n.id < ${before}) AND ${STILL_SHOWN}
     ORDER BY n.id DESC LIMIT ${limit + 1}`);
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit ? String(items[items.length - 1]!.id) : null };
}

/** Rows after `afterId`, oldest first: what a stream has not sent yet. */
export function notificationsAfter(db: DbOrTx, userId: number, afterId: number, limit = 100): Promise<NotificationRow[]> {
  return rows<NotificationRow>(db, sql`
    ${SELECT_ROWS} WHERE n.user_id = ${userId} AND n.id > ${afterId} AND ${STILL_SHOWN} ORDER BY n.id LIMIT ${limit}`);
}

export async function latestId(db: DbOrTx, userId: number): Promise<number> {
  const row = await one<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM notifications WHERE user_id = ${userId}`);
  return Number(row.id ?? 0);
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  const row = await one<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM notifications n WHERE n.user_id = ${userId} AND n.read_at IS NULL AND ${STILL_SHOWN}`);
  return row.n;
}

/** Another person's notification answers 404, like a missing one: ids reveal nothing. */
export async function markRead(db: DbOrTx, userId: number, id: number): Promise<void> {
  const row = await maybeOne<{ id: number }>(db, sql`
    UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = ${id} AND user_id = ${userId} RETURNING id`);
  if (!row) throw new AppError('NOT_FOUND');
}

export function markAllRead(db: DbOrTx, userId: number): Promise<number> {
  return run(db, sql`UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL`);
}

export async function setFollow(db: DbOrTx, communityId: number, userId: number, follow: boolean): Promise<void> {
  await db.execute(follow
    ? sql`INSERT INTO community_follows (community_id, user_id) VALUES (${communityId}, ${userId}) ON CONFLICT DO NOTHING`
    : sql`DELETE FROM community_follows WHERE community_id = ${communityId} AND user_id = ${userId}`);
}

export async function isFollowing(db: DbOrTx, communityId: number, userId: number): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM community_follows WHERE community_id = ${communityId} AND user_id = ${userId}`);
  return rows.length > 0;
}

export const FAN_OUT_BATCH = 1000;

/**
 * Expands one outbox event to its followers, a batch per transaction. The event row is locked and
 * carries the last recipient done, so a crash resumes where it stopped and a second worker skips it:
 * each follower is notified once. Followers must still be members (they may have left).
 */
export async function fanOutEvent(db: Db, eventId: number, batch = FAN_OUT_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const step = await db.transaction((tx) => one<{ n: number; done: boolean }>(tx, sql`
        WITH ev AS (
          SELECT * FROM notification_events WHERE id = ${eventId} AND done_at IS NULL FOR UPDATE SKIP LOCKED),
        batch AS (
          -- A dossier's event goes to the dossier's followers, any other to the community's.
          SELECT f.user_id FROM ev
            CROSS JOIN LATERAL (
              SELECT user_id FROM community_follows
               WHERE ev.dossier_id IS NULL AND community_id = ev.community_id AND user_id > ev.last_user_id
              UNION ALL
              SELECT user_id FROM dossier_follows WHERE dossier_id = ev.dossier_id AND user_id > ev.last_user_id) f
            JOIN memberships m ON m.community_id = ev.community_id AND m.user_id = f.user_id
           WHERE f.user_id IS DISTINCT FROM ev.actor_id
           ORDER BY f.user_id LIMIT ${batch}),
        ins AS (
          INSERT INTO notifications (user_id, kind, actor_id, community_id, post_id, data)
          SELECT batch.user_id, ev.kind, ev.actor_id, ev.community_id, ev.post_id, ev.data FROM batch CROSS JOIN ev
          RETURNING user_id),
        woke AS (SELECT count(pg_notify('notifications', user_id::text)) AS n FROM ins),
        upd AS (
          UPDATE notification_events e
             SET last_user_id = coalesce((SELECT max(user_id) FROM batch), e.last_user_id),
                 done_at = CASE WHEN (SELECT count(*) FROM batch) < ${batch} THEN now() END
            FROM ev WHERE e.id = ev.id
          RETURNING e.done_at IS NOT NULL AS done)
        SELECT (SELECT n FROM woke)::int AS n, coalesce((SELECT done FROM upd), true) AS done`));
    total += step.n;
    if (step.done) return total;
  }
}

/** Every event not yet fanned out (safety net after a lost wake-up). */
export async function fanOutPending(db: Db): Promise<number> {
  // Done events are only progress markers: a week is plenty to investigate one.
  await run(db, sql`DELETE FROM notification_events WHERE done_at < now() - interval '7 days'`);
  const pending = await rows<{ id: number }>(db, sql`SELECT id FROM notification_events WHERE done_at IS NULL ORDER BY id LIMIT 100`);
  let total = 0;
  for (const r of pending) total += await fanOutEvent(db, Number(r.id));
  return total;
}
