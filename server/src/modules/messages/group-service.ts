import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { LIMITS } from '../../../../common/limits.js';
import type { CurrentUser } from '../../types.js';
import { intArray } from '../moderation/queue-queries.js';
import { presentMessage } from './queries.js';
import { wake } from './service.js';

/**
 * Changes of a group conversation: add people, rename, leave. Each one is written with a system
 * line in the conversation, so that everyone in it sees what happened.
 *
 * Who reads what: someone added reads from the line that announced them (visible_from_id), not the
 * history before; someone who leaves loses their participant row, so they no longer open the
 * conversation at all, and nothing posted after reaches them. Re-added later, they read from then.
 */

type SystemMessage = ReturnType<typeof presentMessage>;

function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`;
}

/** "A", "A et B", "A, B et C". */
function frenchList(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}

/**
 * Locks the participants' rows (same order as a send, so the two never deadlock) and checks that
 * `actor` is one of them and that the conversation is a group. Returns the participants' ids.
 * Anyone else, whatever their role, gets CONVERSATION_NOT_FOUND: its existence stays private.
 */
async function lockGroup(tx: Tx, actorId: number, conversationId: number): Promise<{ ids: number[]; title: string }> {
  await tx.execute(sql`
    SELECT 1 FROM conversation_members WHERE conversation_id = ${conversationId} ORDER BY user_id FOR UPDATE`);
  // A fresh read once the locks are held: it sees what a concurrent change committed meanwhile.
  const members = await tx.execute<{ user_id: number }>(sql`
    SELECT user_id FROM conversation_members WHERE conversation_id = ${conversationId}`);
  const ids = members.rows.map((r) => Number(r.user_id));
  if (!ids.includes(actorId)) throw new AppError('CONVERSATION_NOT_FOUND');
  const conversation = (await tx.execute<{ kind: string; title: string }>(sql`
    SELECT kind, title FROM conversations WHERE id = ${conversationId}`)).rows[0]!;
  if (conversation.kind !== 'group') throw new AppError('CONVERSATION_IS_DIRECT');
  return { ids, title: conversation.title };
}

/**
 * Writes a system line authored by `actor` and counts it unread for the other participants (no
 * mail: it is not a message to answer). Participants are woken by the caller.
 */
async function postSystemLine(tx: Tx, actorId: number, conversationId: number, body: string): Promise<SystemMessage> {
  const inserted = await tx.execute<{ id: number; author_id: number; kind: 'system'; body: string; removed: boolean; created_at: string }>(sql`
    INSERT INTO messages (conversation_id, author_id, kind, body) VALUES (${conversationId}, ${actorId}, 'system', ${body})
    RETURNING id, author_id, kind, body, false AS removed, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at`);
  const message = presentMessage(inserted.rows[0]!);
  await tx.execute(sql`UPDATE conversations SET last_message_at = now() WHERE id = ${conversationId}`);
  await tx.execute(sql`
    UPDATE conversation_members SET last_message_at = now(),
           unread_count = CASE WHEN user_id = ${actorId} THEN 0 ELSE unread_count + 1 END,
           last_read_id = CASE WHEN user_id = ${actorId} THEN ${message.id} ELSE last_read_id END
     WHERE conversation_id = ${conversationId}`);
  return message;
}

/** Adds people to a group; they read from the line announcing them and find it unread in their inbox. */
export async function addParticipants(tx: Tx, actor: CurrentUser, conversationId: number, memberIds: number[]) {
  const { ids } = await lockGroup(tx, actor.id, conversationId);
  const wanted = [...new Set(memberIds)];
  if (wanted.some((id) => ids.includes(id))) throw new AppError('ALREADY_PARTICIPANT');
  if (ids.length + wanted.length > LIMITS.conversationMembersMax) throw new AppError('CONVERSATION_TOO_LARGE');
  const people = await tx.execute<{ id: number; first_name: string; last_name: string }>(sql`
    SELECT id, first_name, last_name FROM users
     WHERE id = ANY(${intArray(wanted)}) AND deleted_at IS NULL AND banned_at IS NULL
     ORDER BY last_name, first_name, id`);
  if (people.rows.length !== wanted.length) throw new AppError('RECIPIENT_UNAVAILABLE');
  // A block in either direction between a newcomer and anyone in the group would silence one of
  // them in it (a send is refused when someone present blocked its author): refused up front.
  const all = [...ids, ...wanted];
  const blocked = await tx.execute(sql`
    SELECT 1 FROM member_blocks
     WHERE (blocker_id = ANY(${intArray(wanted)}) AND blocked_id = ANY(${intArray(all)}))
        OR (blocked_id = ANY(${intArray(wanted)}) AND blocker_id = ANY(${intArray(all)}))
     LIMIT 1`);
  if (blocked.rows.length > 0) throw new AppError('PARTICIPANT_BLOCKED');
  const names = people.rows.map((r) => fullName({ firstName: r.first_name, lastName: r.last_name }));
  const message = await postSystemLine(tx, actor.id, conversationId, `${fullName(actor)} a ajouté ${frenchList(names)}`);
  await tx.execute(sql`
    INSERT INTO conversation_members (conversation_id, user_id, visible_from_id, unread_count)
    SELECT ${conversationId}, u, ${message.id}, 1 FROM unnest(${intArray(wanted)}) AS u`);
  await wake(tx, all, conversationId);
  return { message, added: people.rows.map((r) => ({ id: Number(r.id), firstName: r.first_name, lastName: r.last_name })) };
}

/** Renames a group; the same title again changes nothing and writes no line. */
export async function renameConversation(tx: Tx, actor: CurrentUser, conversationId: number, rawTitle: string) {
  const { ids, title: current } = await lockGroup(tx, actor.id, conversationId);
  const title = rawTitle.trim();
  if (title === current) return { title, message: null };
  await tx.execute(sql`UPDATE conversations SET title = ${title} WHERE id = ${conversationId}`);
  const message = await postSystemLine(tx, actor.id, conversationId, `${fullName(actor)} a renommé la conversation en « ${title} »`);
  await wake(tx, ids, conversationId);
  return { title, message };
}

/**
 * Leaves a group: the member's row goes (inbox, unread count and access with it); the others see a
 * line. The last one to leave leaves an empty conversation behind, kept for any pending report.
 */
export async function leaveConversation(tx: Tx, actor: CurrentUser, conversationId: number): Promise<void> {
  const { ids } = await lockGroup(tx, actor.id, conversationId);
  await tx.execute(sql`DELETE FROM conversation_members WHERE conversation_id = ${conversationId} AND user_id = ${actor.id}`);
  await postSystemLine(tx, actor.id, conversationId, `${fullName(actor)} a quitté la conversation`);
  // The leaver's other tabs drop the conversation and update their badge.
  await wake(tx, ids, conversationId);
}
