import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { maybeOne, rows } from '../../db/query.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { networkEventDatesError } from '../../../../common/network-events.js';
import { renderMarkdown } from '../../lib/markdown.js';
import type { Static } from 'typebox';
import type { CurrentUser } from '../../types.js';
import type { NetworkEvent } from '../../../../common/api/network.js';
import { canSteerNetwork } from './policy.js';
import { parisZoneSql } from '../../../../common/time/sql.js';

const ISO = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

export interface EventInput { kind: 'exchange' | 'gathering'; title: string; description: string; location: string; startsAt: string; endsAt: string }

/**
 * Schedules a network event. An exchange session lasts one hour and there is at most one per Paris
 * month: the unique index network_events_one_exchange_per_month decides, so two national admins
 * scheduling at once cannot both succeed.
 */
export async function createEvent(db: Db, input: EventInput, actorId: number): Promise<number> {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (!(end > start)) throw new AppError('EVENT_ENDS_BEFORE_START');
  if (input.kind === 'exchange' && end.getTime() - start.getTime() !== 3_600_000) throw new AppError('EXCHANGE_ONE_HOUR');
  const outOfWindow = networkEventDatesError(start, end);
  if (outOfWindow) throw new AppError(outOfWindow);
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO network_events (kind, title, description, location, starts_at, ends_at, month, created_by)
      VALUES (${input.kind}, ${input.title}, ${input.description}, ${input.location}, ${input.startsAt}, ${input.endsAt},
              date_trunc('month', ${input.startsAt}::timestamptz AT TIME ZONE ${parisZoneSql})::date, ${actorId})
      RETURNING id::int AS id`).catch((err: unknown) => {
      if (isUniqueViolation(err, 'network_events_one_exchange_per_month')) throw new AppError('EXCHANGE_MONTH_TAKEN');
      throw err;
    });
    return rows[0]!.id;
  });
}

interface EventRow {
  id: number; kind: EventInput['kind']; title: string; description: string; location: string; startsAt: string; endsAt: string;
  /** The keyset's instant (the start), lossless. */
  created_at: string;
  registered: number; attended: number; meRegistered: boolean; meAttended: boolean | null;
}

const eventSelect = (userId: number) => sql`
  SELECT e.id::int AS id, e.kind, e.title, e.description, e.location,
         ${ISO('e.starts_at')} AS "startsAt", ${ISO('e.ends_at')} AS "endsAt", ${ISO('e.starts_at')} AS created_at,
         (SELECT count(*)::int FROM network_event_registrations r WHERE r.event_id = e.id) AS registered,
         (SELECT count(*)::int FROM network_event_registrations r WHERE r.event_id = e.id AND r.attended) AS attended,
         mine.user_id IS NOT NULL AS "meRegistered", mine.attended AS "meAttended"
    FROM network_events e
    LEFT JOIN network_event_registrations mine ON mine.event_id = e.id AND mine.user_id = ${userId}`;

function presentEvent(row: EventRow, user: CurrentUser): Static<typeof NetworkEvent> {
  const { created_at: _c, meRegistered, meAttended, ...rest } = row;
  return {
    ...rest,
    startsAt: new Date(rest.startsAt).toISOString(),
    endsAt: new Date(rest.endsAt).toISOString(),
    me: { registered: meRegistered, attended: meAttended },
    can: { register: new Date(rest.endsAt) > new Date(), recordAttendance: canSteerNetwork(user) },
  };
}

/** Events, latest start first, keyset-paginated on network_events_starts_idx. */
export async function listEvents(db: DbOrTx, user: CurrentUser, cursor: string | undefined, limit: number) {
  const after = decodeKeyset(cursor);
  const at = after?.at ?? null;
  const found = await rows<EventRow>(db, sql`${eventSelect(user.id)}
      WHERE (${at}::timestamptz IS NULL OR (e.starts_at, e.id) < (${at}::timestamptz, ${after?.id ?? 0}::bigint))
      ORDER BY e.starts_at DESC, e.id DESC LIMIT ${limit + 1}`);
  const page = keysetPage(found, limit);
  return { items: page.items.map((r) => presentEvent(r, user)), nextCursor: page.nextCursor };
}

export async function loadEvent(db: DbOrTx, user: CurrentUser, id: number) {
  const row = await maybeOne<EventRow>(db, sql`${eventSelect(user.id)} WHERE e.id = ${id}`);
  if (!row) throw new AppError('NETWORK_EVENT_NOT_FOUND');
  return presentEvent(row, user);
}

/** Registers (or, with `on` false, unregisters) the user; doing it twice changes nothing. */
export async function setRegistration(db: Db, eventId: number, userId: number, on: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ ended: boolean }>(sql`SELECT ends_at <= now() AS ended FROM network_events WHERE id = ${eventId} FOR SHARE`);
    if (!rows[0]) throw new AppError('NETWORK_EVENT_NOT_FOUND');
    if (rows[0].ended) throw new AppError('CONFLICT', 'Ce rendez-vous est passé : les inscriptions sont closes.');
    if (on) await tx.execute(sql`INSERT INTO network_event_registrations (event_id, user_id) VALUES (${eventId}, ${userId}) ON CONFLICT DO NOTHING`);
    else await tx.execute(sql`DELETE FROM network_event_registrations WHERE event_id = ${eventId} AND user_id = ${userId}`);
  });
}

export async function listRegistrations(db: DbOrTx, eventId: number) {
  const found = await rows<{ userId: number; name: string; registeredAt: string; attended: boolean | null }>(db, sql`
     SELECT r.user_id::int AS "userId", u.first_name || ' ' || u.last_name AS name,
            ${ISO('r.registered_at')} AS "registeredAt", r.attended
       FROM network_event_registrations r JOIN users u ON u.id = r.user_id
      WHERE r.event_id = ${eventId} ORDER BY u.last_name, u.first_name, r.user_id`);
  return found.map((r) => ({ ...r, registeredAt: new Date(r.registeredAt).toISOString() }));
}

/** Records who came; only registered people can be marked. */
export async function recordAttendance(db: Db, eventId: number, attendance: { userId: number; attended: boolean }[]): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute(sql`SELECT 1 FROM network_events WHERE id = ${eventId} FOR UPDATE`);
    if (!rows[0]) throw new AppError('NETWORK_EVENT_NOT_FOUND');
    const { rows: updated } = await tx.execute<{ user_id: number }>(sql`
      UPDATE network_event_registrations r SET attended = a.attended
        FROM unnest(${`{${attendance.map((a) => a.userId).join(',')}}`}::bigint[], ${`{${attendance.map((a) => a.attended).join(',')}}`}::boolean[]) AS a(user_id, attended)
       WHERE r.event_id = ${eventId} AND r.user_id = a.user_id
      RETURNING r.user_id`);
    if (updated.length !== attendance.length) throw new AppError('USER_NOT_FOUND', 'Seules les personnes inscrites peuvent être marquées présentes.');
  });
}

// --- Private space of good practices -------------------------------------------------------------

interface PracticeRow { id: number; title: string; bodyHtml: string; author: string; created_at: string; commentCount: number }
interface PracticeCommentRow { id: number; bodyHtml: string; author: string; created_at: string }

const PRACTICE_SELECT = sql`
  SELECT p.id::int AS id, p.title, p.body_html AS "bodyHtml", coalesce(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS author,
         ${ISO('p.created_at')} AS created_at, p.comment_count AS "commentCount"
    FROM network_posts p LEFT JOIN users u ON u.id = p.author_id`;

const presentPractice = <T extends { created_at: string }>({ created_at, ...r }: T) => ({ ...r, createdAt: new Date(created_at).toISOString() });

export async function listPractices(db: DbOrTx, cursor: string | undefined, limit: number) {
  const after = decodeKeyset(cursor);
  const at = after?.at ?? null;
  const found = await rows<PracticeRow>(db, sql`${PRACTICE_SELECT}
      WHERE (${at}::timestamptz IS NULL OR (p.created_at, p.id) < (${at}::timestamptz, ${after?.id ?? 0}::bigint))
      ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit + 1}`);
  const page = keysetPage(found, limit);
  return { items: page.items.map(presentPractice), nextCursor: page.nextCursor };
}

export async function createPractice(db: Db, authorId: number, title: string, body: string): Promise<number> {
  const { rows } = await db.execute<{ id: number }>(sql`
    INSERT INTO network_posts (author_id, title, body_md, body_html) VALUES (${authorId}, ${title}, ${body}, ${renderMarkdown(body)})
    RETURNING id::int AS id`);
  return rows[0]!.id;
}

export async function loadPractice(db: DbOrTx, id: number, cursor: string | undefined, limit: number) {
  const after = decodeKeyset(cursor);
  const at = after?.at ?? null;
  const [post, comments] = await Promise.all([
    maybeOne<PracticeRow>(db, sql`${PRACTICE_SELECT} WHERE p.id = ${id}`),
    rows<PracticeCommentRow>(db, sql`
       SELECT c.id::int AS id, c.body_html AS "bodyHtml", coalesce(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS author,
              ${ISO('c.created_at')} AS created_at
         FROM network_comments c LEFT JOIN users u ON u.id = c.author_id
        WHERE c.post_id = ${id} AND (${at}::timestamptz IS NULL OR (c.created_at, c.id) > (${at}::timestamptz, ${after?.id ?? 0}::bigint))
        ORDER BY c.created_at, c.id LIMIT ${limit + 1}`),
  ]);
  if (!post) throw new AppError('NETWORK_POST_NOT_FOUND');
  const page = keysetPage(comments, limit);
  return { ...presentPractice(post), comments: { items: page.items.map(presentPractice), nextCursor: page.nextCursor } };
}

/** A comment and its post's counter move together. */
export async function commentPractice(db: Db, postId: number, authorId: number, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute(sql`UPDATE network_posts SET comment_count = comment_count + 1 WHERE id = ${postId} RETURNING id`);
    if (!rows[0]) throw new AppError('NETWORK_POST_NOT_FOUND');
    await tx.execute(sql`INSERT INTO network_comments (post_id, author_id, body_md, body_html) VALUES (${postId}, ${authorId}, ${body}, ${renderMarkdown(body)})`);
  });
}
