import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { LIMITS } from '../../../../common/limits.js';
import type { CurrentUser } from '../../types.js';
import { intArray } from '../moderation/queue-queries.js';
import { actionRefusal } from '../sanctions/rank.js';
import { presentMessage } from './queries.js';

/**
 * The writes of private messaging, each inside the caller's transaction. A send returns who must
 * hear about it; the wake-ups (NOTIFY) are part of the transaction, so they go out only at commit.
 */

export const LIVE_CHANNEL = 'private_messages';

/** Someone to tell by mail: their first unread message in this conversation. */
export interface MailNotice { email: string; firstName: string }

export interface SendOutcome {
  message: ReturnType<typeof presentMessage>;
  notices: MailNotice[];
}

export async function wake(tx: Tx, userIds: number[], conversationId: number): Promise<void> {
  if (userIds.length === 0) return;
  await tx.execute(sql`SELECT pg_notify(${LIVE_CHANNEL}, u::text || ':' || ${conversationId}::text) FROM unnest(${intArray(userIds)}) AS u`);
}

/** Refuses when any other participant blocked the author (the 403 names no one). */
async function assertNotBlocked(tx: Tx, authorId: number, otherIds: number[]): Promise<void> {
  const { rows } = await tx.execute(sql`
    SELECT 1 FROM member_blocks WHERE blocked_id = ${authorId} AND blocker_id = ANY(${intArray(otherIds)}) LIMIT 1`);
  if (rows.length > 0) throw new AppError('MESSAGE_BLOCKED');
}

export async function sendMessage(tx: Tx, author: CurrentUser, conversationId: number, body: string): Promise<SendOutcome> {
  // Locks the author's row: two sends by the same person keep their order and counts.
  const members = await tx.execute<{ user_id: number }>(sql`
    SELECT user_id FROM conversation_members WHERE conversation_id = ${conversationId} ORDER BY user_id FOR UPDATE`);
  const ids = members.rows.map((r) => Number(r.user_id));
  if (!ids.includes(author.id)) throw new AppError('CONVERSATION_NOT_FOUND');
  const others = ids.filter((id) => id !== author.id);
  await assertNotBlocked(tx, author.id, others);
  const inserted = await tx.execute<{ id: number; author_id: number; kind: 'text'; body: string; removed: boolean; created_at: string }>(sql`
    INSERT INTO messages (conversation_id, author_id, body) VALUES (${conversationId}, ${author.id}, ${body})
    RETURNING id, author_id, kind, body, false AS removed, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at`);
  const message = presentMessage(inserted.rows[0]!);
  await tx.execute(sql`UPDATE conversations SET last_message_at = now() WHERE id = ${conversationId}`);
  // The first unread message of a conversation brings a mail (when the member wants one), not each of them.
  const notices = await tx.execute<{ email: string; first_name: string }>(sql`
    WITH upd AS (
      UPDATE conversation_members SET last_message_at = now(),
             unread_count = CASE WHEN user_id = ${author.id} THEN 0 ELSE unread_count + 1 END,
             last_read_id = CASE WHEN user_id = ${author.id} THEN ${message.id} ELSE last_read_id END
       WHERE conversation_id = ${conversationId}
       RETURNING user_id, unread_count
    )
    SELECT u.email, u.first_name
      FROM upd JOIN users u ON u.id = upd.user_id LEFT JOIN member_settings s ON s.user_id = u.id
     WHERE upd.unread_count = 1 AND coalesce(s.message_email, true)
       AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL AND u.banned_at IS NULL`);
  await wake(tx, ids, conversationId);
  return { message, notices: notices.rows.map((r) => ({ email: r.email, firstName: r.first_name })) };
}

/**
 * Opens a conversation with `memberIds` and sends its first message. One other person: the pair's
 * direct conversation, created once and reused after.
 */
export async function startConversation(tx: Tx, author: CurrentUser, memberIds: number[], title: string, body: string) {
  const others = [...new Set(memberIds)].filter((id) => id !== author.id);
  if (others.length === 0) throw new AppError('CANNOT_MESSAGE_SELF');
  if (others.length + 1 > LIMITS.conversationMembersMax) throw new AppError('CONVERSATION_TOO_LARGE');
  const found = await tx.execute<{ id: number }>(sql`
    SELECT id FROM users WHERE id = ANY(${intArray(others)}) AND deleted_at IS NULL AND banned_at IS NULL`);
  if (found.rows.length !== others.length) throw new AppError('RECIPIENT_UNAVAILABLE');
  await assertNotBlocked(tx, author.id, others);
  let conversationId: number;
  if (others.length === 1) {
    const key = [author.id, others[0]!].sort((a, b) => a - b).join(':');
    const created = await tx.execute<{ id: number }>(sql`
      INSERT INTO conversations (kind, direct_key, created_by) VALUES ('direct', ${key}, ${author.id})
      ON CONFLICT (direct_key) WHERE direct_key IS NOT NULL DO NOTHING RETURNING id`);
    conversationId = Number(created.rows[0]?.id ?? (await tx.execute<{ id: number }>(sql`
      SELECT id FROM conversations WHERE direct_key = ${key}`)).rows[0]!.id);
  } else {
    const created = await tx.execute<{ id: number }>(sql`
      INSERT INTO conversations (kind, title, created_by) VALUES ('group', ${title.trim()}, ${author.id}) RETURNING id`);
    conversationId = Number(created.rows[0]!.id);
  }
  await tx.execute(sql`
    INSERT INTO conversation_members (conversation_id, user_id)
    SELECT ${conversationId}, u FROM unnest(${intArray([author.id, ...others])}) AS u
    ON CONFLICT DO NOTHING`);
  return { conversationId, ...(await sendMessage(tx, author, conversationId, body)) };
}

/** Everything up to the latest message is read; returns the member's total left unread. */
export async function markRead(tx: Tx, userId: number, conversationId: number): Promise<void> {
  const { rows } = await tx.execute(sql`
    UPDATE conversation_members SET unread_count = 0,
           last_read_id = coalesce((SELECT max(id) FROM messages WHERE conversation_id = ${conversationId}), 0)
     WHERE conversation_id = ${conversationId} AND user_id = ${userId}
     RETURNING 1`);
  if (rows.length === 0) throw new AppError('CONVERSATION_NOT_FOUND');
  // The member's other tabs update their badge.
  await wake(tx, [userId], conversationId);
}

export async function setBlock(tx: Tx, blockerId: number, blockedId: number, blocked: boolean): Promise<boolean> {
  if (blockerId === blockedId) throw new AppError('CANNOT_BLOCK_SELF');
  const exists = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${blockedId} AND deleted_at IS NULL`);
  if (exists.rows.length === 0) throw new AppError('USER_NOT_FOUND');
  if (blocked) {
    await tx.execute(sql`INSERT INTO member_blocks (blocker_id, blocked_id) VALUES (${blockerId}, ${blockedId}) ON CONFLICT DO NOTHING`);
  } else {
    await tx.execute(sql`DELETE FROM member_blocks WHERE blocker_id = ${blockerId} AND blocked_id = ${blockedId}`);
  }
  return blocked;
}

/** A participant reports one message; the national team will see that message, and only it. */
export async function reportMessage(tx: Tx, reporterId: number, messageId: number, reasonCode: string, comment: string): Promise<void> {
  const { rows } = await tx.execute<{ author_id: number }>(sql`
    SELECT m.author_id FROM messages m
      JOIN conversation_members me ON me.conversation_id = m.conversation_id AND me.user_id = ${reporterId}
     WHERE m.id = ${messageId} AND m.id >= me.visible_from_id AND m.kind = 'text'`);
  const message = rows[0];
  if (!message) throw new AppError('MESSAGE_NOT_FOUND');
  if (Number(message.author_id) === reporterId) throw new AppError('CANNOT_REPORT_OWN_MESSAGE');
  const reason = await tx.execute(sql`SELECT 1 FROM flag_reasons WHERE code = ${reasonCode} AND active`);
  if (reason.rows.length === 0) throw new AppError('FLAG_REASON_NOT_FOUND');
  try {
    await tx.execute(sql`
      INSERT INTO message_reports (message_id, reporter_id, reason_code, comment) VALUES (${messageId}, ${reporterId}, ${reasonCode}, ${comment.trim()})`);
  } catch (err) {
    if (isUniqueViolation(err, 'message_reports_reporter_key')) throw new AppError('MESSAGE_ALREADY_REPORTED');
    throw err;
  }
}

/**
 * The national team's decision on a reported message: keep it, or remove its text for everyone.
 * Written once in the moderation audit (target type 'message', no community); the pending reports
 * are closed with it. Someone who decided first wins: the second gets MESSAGE_REPORT_HANDLED.
 */
export async function decideReport(tx: Tx, actor: CurrentUser, messageId: number, action: 'keep' | 'remove', reasonCode: string | null, note: string) {
  const pending = await tx.execute<{ id: number }>(sql`
    SELECT id FROM message_reports WHERE message_id = ${messageId} AND status = 'pending' FOR UPDATE`);
  if (pending.rows.length === 0) {
    const any = await tx.execute(sql`SELECT 1 FROM message_reports WHERE message_id = ${messageId} LIMIT 1`);
    throw new AppError(any.rows.length === 0 ? 'MESSAGE_NOT_FOUND' : 'MESSAGE_REPORT_HANDLED');
  }
  if (reasonCode) {
    const reason = await tx.execute(sql`SELECT 1 FROM flag_reasons WHERE code = ${reasonCode}`);
    if (reason.rows.length === 0) throw new AppError('VALIDATION_FAILED', undefined, { reasonCode: 'Motif inconnu.' });
  } else if (action === 'remove') {
    throw new AppError('VALIDATION_FAILED', undefined, { reasonCode: 'Choisissez le motif de cette décision.' });
  }
  const msg = (await tx.execute<{ author_id: number; body: string; national_role: string | null }>(sql`
    SELECT m.author_id, m.body, u.national_role FROM messages m JOIN users u ON u.id = m.author_id
     WHERE m.id = ${messageId} FOR UPDATE OF m`)).rows[0]!;
  // Private messages belong to no community: only the national role ranks their author.
  const refusal = actionRefusal({ user: actor, role: null, moderate: true }, { id: msg.author_id, nationalRole: msg.national_role, role: null }, action === 'keep' ? 'keep' : 'delete');
  if (refusal) throw refusal;
  const audit = await tx.execute<{ id: number }>(sql`
    INSERT INTO moderation_audit (community_id, actor_id, action, target_type, target_id, target_user_id, reason_code, message, before, after)
    VALUES (NULL, ${actor.id}, ${action === 'keep' ? 'keep' : 'delete'}, 'message', ${messageId}, ${msg.author_id}, ${reasonCode},
            ${note.trim()}, ${JSON.stringify({ body: msg.body })}::jsonb, ${JSON.stringify(action === 'remove' ? { removed: true } : null)}::jsonb)
    RETURNING id`);
  const auditId = Number(audit.rows[0]!.id);
  if (action === 'remove') await tx.execute(sql`UPDATE messages SET removed_at = now() WHERE id = ${messageId}`);
  await tx.execute(sql`
    UPDATE message_reports SET status = 'handled', handled_by = ${actor.id}, handled_at = now(), action_id = ${auditId}
     WHERE message_id = ${messageId} AND status = 'pending'`);
  return { auditId, handledReports: pending.rows.length };
}
