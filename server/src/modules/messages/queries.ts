import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { isoText, toIso } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import { intArray } from '../moderation/queue-queries.js';
import { actionRefusal } from '../sanctions/rank.js';

/** Reads of private conversations, always scoped to a participant. */

export interface PersonRow { id: number; firstName: string; lastName: string }

/** Message ids only grow, so the id alone orders a conversation: the cursor is the last id seen. */
export function encodeMessageCursor(id: number): string {
  return Buffer.from(`m${id}`).toString('base64url');
}

export function decodeMessageCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const n = Number(text.slice(1));
  if (!text.startsWith('m') || !Number.isSafeInteger(n) || n < 1) throw new AppError('INVALID_CURSOR');
  return n;
}

interface MessageRow extends Record<string, unknown> {
  id: number; author_id: number; kind: 'text' | 'system'; body: string; removed: boolean; created_at: string;
}

export function presentMessage(r: MessageRow) {
  return { id: Number(r.id), authorId: Number(r.author_id), kind: r.kind, body: r.removed ? '' : r.body, removed: r.removed, createdAt: toIso(r.created_at) };
}

/**
 * A page of messages, newest first, on messages_conversation_idx. `visibleFrom`: the member's
 * visible_from_id, so someone added to a group reads from the line that announced them.
 */
export async function listMessages(db: DbOrTx, conversationId: number, visibleFrom: number, before: number | undefined, limit: number) {
  const { rows } = await db.execute<MessageRow>(sql`
    SELECT id, author_id, kind, body, removed_at IS NOT NULL AS removed, ${isoText('created_at')} AS created_at
      FROM messages
     WHERE conversation_id = ${conversationId} AND id >= ${visibleFrom} ${before ? sql`AND id < ${before}` : sql``}
     ORDER BY id DESC
     LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map(presentMessage);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeMessageCursor(last.id) : null };
}

interface HeaderRow extends Record<string, unknown> {
  id: number; kind: 'direct' | 'group'; title: string; unread_count: number; visible_from_id: number; participants: PersonRow[]; blocked: boolean;
}

/**
 * The conversation as `userId` sees it, or null when they do not take part (whoever they are:
 * no role reads others' conversations). `blocked`: someone in it blocked them.
 */
export async function loadConversation(db: DbOrTx, conversationId: number, userId: number) {
  const { rows } = await db.execute<HeaderRow>(sql`
    SELECT c.id, c.kind, c.title, me.unread_count, me.visible_from_id,
           (SELECT json_agg(json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name) ORDER BY u.last_name, u.id)
              FROM conversation_members o JOIN users u ON u.id = o.user_id
             WHERE o.conversation_id = c.id) AS participants,
           EXISTS (SELECT 1 FROM conversation_members o JOIN member_blocks b ON b.blocker_id = o.user_id
                    WHERE o.conversation_id = c.id AND b.blocked_id = ${userId}) AS blocked
      FROM conversation_members me JOIN conversations c ON c.id = me.conversation_id
     WHERE me.conversation_id = ${conversationId} AND me.user_id = ${userId}`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id), kind: r.kind, title: r.title, unreadCount: Number(r.unread_count), visibleFromId: Number(r.visible_from_id),
    participants: (r.participants ?? []).map((p) => ({ ...p, id: Number(p.id) })), blocked: r.blocked,
  };
}

interface InboxRow extends Record<string, unknown> {
  id: number; kind: 'direct' | 'group'; title: string; unread_count: number; last_message_at: string;
  participants: PersonRow[]; last_author_id: number | null; last_kind: 'text' | 'system' | null; last_body: string | null; last_removed: boolean | null; last_created_at: string | null;
}

/** A member's conversations, latest activity first, on conversation_members_inbox_idx. */
export async function listInbox(db: DbOrTx, userId: number, cursor: { at: string; id: number } | undefined, limit: number) {
  const after = cursor ? sql`AND (me.last_message_at, me.conversation_id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  const { rows } = await db.execute<InboxRow>(sql`
    WITH page AS (
      SELECT me.conversation_id, me.unread_count, me.last_message_at, me.visible_from_id
        FROM conversation_members me
       WHERE me.user_id = ${userId} ${after}
       ORDER BY me.last_message_at DESC, me.conversation_id DESC
       LIMIT ${limit + 1}
    )
    SELECT c.id, c.kind, c.title, page.unread_count, ${isoText('page.last_message_at')} AS last_message_at,
           (SELECT json_agg(json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name) ORDER BY u.last_name, u.id)
              FROM conversation_members o JOIN users u ON u.id = o.user_id
             WHERE o.conversation_id = c.id AND o.user_id <> ${userId}) AS participants,
           m.author_id AS last_author_id, m.kind AS last_kind, left(m.body, 140) AS last_body, m.removed_at IS NOT NULL AS last_removed,
           ${isoText('m.created_at')} AS last_created_at
      FROM page JOIN conversations c ON c.id = page.conversation_id
      LEFT JOIN LATERAL (SELECT * FROM messages x WHERE x.conversation_id = c.id AND x.id >= page.visible_from_id
                          ORDER BY x.id DESC LIMIT 1) m ON TRUE
     ORDER BY page.last_message_at DESC, page.conversation_id DESC`);
  return rows.map((r) => ({ ...r, id: Number(r.id), created_at: r.last_message_at }));
}

export function presentSummary(r: InboxRow) {
  return {
    id: r.id, kind: r.kind, title: r.title,
    participants: (r.participants ?? []).map((p) => ({ ...p, id: Number(p.id) })),
    lastMessage: r.last_author_id === null ? null : {
      authorId: Number(r.last_author_id), kind: r.last_kind ?? 'text', excerpt: r.last_removed ? '' : r.last_body ?? '', createdAt: toIso(r.last_created_at!),
    },
    unreadCount: Number(r.unread_count),
    lastMessageAt: toIso(r.last_message_at),
  };
}

export async function unreadTotal(db: DbOrTx, userId: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT coalesce(sum(unread_count), 0)::int AS n FROM conversation_members WHERE user_id = ${userId} AND unread_count > 0`);
  return Number(rows[0]?.n ?? 0);
}

interface ReportGroupRow extends Record<string, unknown> {
  key_id: number; oldest: string; message_id: number; conversation_id: number; body: string; removed: boolean;
  created_at: string; author_id: number; first_name: string; last_name: string; national_role: string | null;
}

/**
 * Reported messages waiting for the national team, oldest report first, each message once. Only the
 * reported message is read here: never its conversation.
 */
export async function reportQueue(db: DbOrTx, viewer: CurrentUser, cursor: { at: string; id: number } | undefined, limit: number) {
  const after = cursor ? sql`AND (r.created_at, r.id) > (${cursor.at}::timestamptz, ${cursor.id}::bigint)` : sql``;
  const { rows } = await db.execute<ReportGroupRow>(sql`
    WITH g AS (
      SELECT r.message_id, r.created_at, r.id
        FROM message_reports r
       WHERE r.status = 'pending' ${after}
         AND NOT EXISTS (SELECT 1 FROM message_reports e WHERE e.status = 'pending' AND e.message_id = r.message_id
                            AND (e.created_at, e.id) < (r.created_at, r.id))
       ORDER BY r.created_at, r.id
       LIMIT ${limit + 1}
    )
    SELECT g.id AS key_id, ${isoText('g.created_at')} AS oldest, m.id AS message_id, m.conversation_id, m.body,
           m.removed_at IS NOT NULL AS removed, ${isoText('m.created_at')} AS created_at,
           u.id AS author_id, u.first_name, u.last_name, u.national_role
      FROM g JOIN messages m ON m.id = g.message_id JOIN users u ON u.id = m.author_id
     ORDER BY g.created_at, g.id`);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => Number(r.message_id));
  const reports = ids.length === 0 ? [] : (await db.execute<{
    message_id: number; reporter_id: number; first_name: string; last_name: string; reason_code: string; label: string; comment: string; created_at: string;
  }>(sql`
    SELECT r.message_id, u.id AS reporter_id, u.first_name, u.last_name, r.reason_code, f.label, r.comment, ${isoText('r.created_at')} AS created_at
      FROM message_reports r JOIN users u ON u.id = r.reporter_id JOIN flag_reasons f ON f.code = r.reason_code
     WHERE r.status = 'pending' AND r.message_id = ANY(${intArray(ids)})
     ORDER BY r.created_at, r.id`)).rows;
  const items = page.map((g) => ({
    message: { id: Number(g.message_id), conversationId: Number(g.conversation_id), body: g.body, createdAt: toIso(g.created_at), removed: g.removed },
    author: { id: Number(g.author_id), firstName: g.first_name, lastName: g.last_name },
    reports: reports.filter((r) => Number(r.message_id) === Number(g.message_id)).map((r) => ({
      reporter: { id: Number(r.reporter_id), firstName: r.first_name, lastName: r.last_name },
      reasonCode: r.reason_code, reasonLabel: r.label, comment: r.comment, createdAt: toIso(r.created_at),
    })),
    oldestReportAt: toIso(g.oldest),
    // Private messages belong to no community: the moderation policy ranks their author by national role alone.
    can: { decide: actionRefusal({ user: viewer, role: null, moderate: true }, { id: Number(g.author_id), nationalRole: g.national_role, role: null }, 'delete') === null },
  }));
  const last = page[page.length - 1];
  return { items, last: rows.length > limit && last ? { created_at: last.oldest, id: Number(last.key_id) } : null };
}
