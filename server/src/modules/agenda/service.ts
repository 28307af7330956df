import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { editPost, insertPost } from '../posts/service.js';
import type { ResolvedEvent } from './input.js';

/**
 * Writes of the agenda. An event is a post of kind 'evenement' plus its row in `events`,
 * written in one transaction so there is never a post without its dates or the reverse.
 * Inputs arrive already checked (input.ts); authorization is decided by the caller.
 */

export async function createEvent(
  db: Db, communityId: number, authorId: number, post: { title: string; body: string }, event: ResolvedEvent,
): Promise<number> {
  return db.transaction(async (tx) => {
    const postId = await insertPost(tx, communityId, authorId, { ...post, kind: 'evenement' });
    await tx.execute(sql`
      INSERT INTO events (post_id, community_id, starts_at, ends_at, all_day, place, online_url, registration_url, organiser)
      VALUES (${postId}, ${communityId}, ${event.startsAt.toISOString()}, ${event.endsAt.toISOString()}, ${event.allDay},
              ${event.place}, ${event.onlineUrl}, ${event.registrationUrl}, ${event.organiser})`);
    return postId;
  });
}

/**
 * Replaces the event's fields and bumps its iCalendar SEQUENCE. A new title or text goes through
 * the posts module first, which keeps the previous version; both were validated before any write.
 */
export async function updateEvent(
  db: Db, postId: number, editorId: number, post: { title?: string; body?: string }, event: ResolvedEvent,
): Promise<void> {
  if (post.title !== undefined || post.body !== undefined) await editPost(db, postId, editorId, post);
  const { rows } = await db.execute(sql`
    UPDATE events SET starts_at = ${event.startsAt.toISOString()}, ends_at = ${event.endsAt.toISOString()},
           all_day = ${event.allDay}, place = ${event.place}, online_url = ${event.onlineUrl},
           registration_url = ${event.registrationUrl}, organiser = ${event.organiser},
           sequence = sequence + 1, updated_at = now()
     WHERE post_id = ${postId}
     RETURNING post_id`);
  if (rows.length === 0) throw new AppError('EVENT_NOT_FOUND');
}
