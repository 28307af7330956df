import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { flagReasons, moderationAudit } from './moderation.js';

/** A private conversation: two members ('direct', at most one per pair) or a small group. */
export const conversations = pgTable(
  'conversations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    /** "smallerId:largerId" for a direct conversation, so a pair never gets two. */
    directKey: text('direct_key'),
    title: text('title').notNull().default(''),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('conversations_kind', sql`${t.kind} IN ('direct', 'group')`),
    uniqueIndex('conversations_direct_key').on(t.directKey).where(sql`${t.directKey} IS NOT NULL`),
  ],
);

/**
 * Who takes part, with their own reading state. `last_message_at` is copied here so that a
 * member's inbox is one index range; `unread_count` is kept by the transactions that send and read.
 */
export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * First message id this member may read. 0 for the people who started the conversation; for
     * someone added later, the system line that announced them: they read from when they joined.
     * Ids, not times: a send waiting on the members' locks gets a later id, so it is read and counted.
     */
    visibleFromId: bigint('visible_from_id', { mode: 'number' }).notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastReadId: bigint('last_read_id', { mode: 'number' }).notNull().default(0),
    unreadCount: integer('unread_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index('conversation_members_inbox_idx').on(t.userId, t.lastMessageAt.desc(), t.conversationId.desc()),
    // The header badge: only conversations with something unread.
    index('conversation_members_unread_idx').on(t.userId).where(sql`${t.unreadCount} > 0`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** 'text' is written by its author; 'system' tells a change of the group (added, left, renamed), author = who made it. */
    kind: text('kind').notNull().default('text'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Removed by the national team after a report: the text is no longer shown to anyone. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id.desc()),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('messages_author_idx').on(t.authorId),
    check('messages_kind', sql`${t.kind} IN ('text', 'system')`),
  ],
);

/** `blocker` no longer receives messages from `blocked`. */
export const memberBlocks = pgTable(
  'member_blocks',
  {
    blockerId: bigint('blocker_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    blockedId: bigint('blocked_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index('member_blocks_blocked_idx').on(t.blockedId)],
);

/** A message reported to the national team: the only way anyone outside the conversation reads it. */
export const messageReports = pgTable(
  'message_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint('message_id', { mode: 'number' }).notNull().references(() => messages.id, { onDelete: 'cascade' }),
    reporterId: bigint('reporter_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    reasonCode: text('reason_code').notNull().references(() => flagReasons.code),
    comment: text('comment').notNull().default(''),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    handledBy: bigint('handled_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    actionId: bigint('action_id', { mode: 'number' }).references(() => moderationAudit.id),
  },
  (t) => [
    check('message_reports_status', sql`${t.status} IN ('pending', 'handled')`),
    uniqueIndex('message_reports_reporter_key').on(t.reporterId, t.messageId),
    index('message_reports_pending_idx').on(t.createdAt, t.id).where(sql`${t.status} = 'pending'`),
    index('message_reports_message_idx').on(t.messageId),
  ],
);
