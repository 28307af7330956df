import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { comments, posts } from './posts.js';

/** Why a member flags content: the charter and CGU rules, editable by the national administrator. */
export const flagReasons = pgTable('flag_reasons', {
  /** Stable machine code; never renamed (flags and the audit log refer to it). */
  code: text('code').primaryKey(),
  /** The audit log's numeric target when the national administrator edits the list. */
  id: bigint('id', { mode: 'number' }).notNull().unique('flag_reasons_id_key').generatedAlwaysAsIdentity(),
  label: text('label').notNull(),
  description: text('description').notNull().default(''),
  /** The rule it breaks, e.g. "Charte éditoriale, art. 2", quoted in the mail to the author. */
  article: text('article').notNull().default(''),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every accepted moderation action, once. Append-only: a trigger refuses UPDATE and DELETE. */
export const moderationAudit = pgTable(
  'moderation_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).references(() => communities.id),
    actorId: bigint('actor_id', { mode: 'number' }).notNull().references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    targetUserId: bigint('target_user_id', { mode: 'number' }).references(() => users.id),
    reasonCode: text('reason_code'),
    message: text('message').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('moderation_audit_community_idx').on(t.communityId, t.createdAt.desc(), t.id.desc()),
    index('moderation_audit_created_idx').on(t.createdAt.desc(), t.id.desc()),
    // The author's history shown in the review queue.
    index('moderation_audit_target_user_idx').on(t.targetUserId, t.createdAt.desc()),
  ],
);

export const flags = pgTable(
  'flags',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id),
    commentId: bigint('comment_id', { mode: 'number' }).references(() => comments.id),
    reporterId: bigint('reporter_id', { mode: 'number' }).notNull().references(() => users.id),
    reasonCode: text('reason_code').notNull().references(() => flagReasons.code),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').notNull().default('pending'),
    handledBy: bigint('handled_by', { mode: 'number' }).references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    actionId: bigint('action_id', { mode: 'number' }).references(() => moderationAudit.id),
  },
  (t) => [
    check('flags_one_item', sql`(${t.postId} IS NULL) <> (${t.commentId} IS NULL)`),
    check('flags_status', sql`${t.status} IN ('pending', 'handled')`),
    // NULLs are distinct: a comment flag (post_id NULL) never collides on the post key, and vice versa.
    uniqueIndex('flags_reporter_post_key').on(t.reporterId, t.postId),
    uniqueIndex('flags_reporter_comment_key').on(t.reporterId, t.commentId),
    // The queue walks pending flags oldest first and keeps each item's oldest one (see queue-queries.ts),
    // so a page costs about its own size, whatever the number of pending flags.
    index('flags_community_status_created_idx').on(t.communityId, t.status, t.createdAt, t.id),
    // Network-wide queue.
    index('flags_pending_created_idx').on(t.createdAt, t.id).where(sql`${t.status} = 'pending'`),
    // "Is there an older pending flag on this item?" and the pending flags of one item.
    index('flags_post_pending_idx').on(t.postId, t.createdAt, t.id).where(sql`${t.status} = 'pending' AND ${t.postId} IS NOT NULL`),
    index('flags_comment_pending_idx').on(t.commentId, t.createdAt, t.id).where(sql`${t.status} = 'pending' AND ${t.commentId} IS NOT NULL`),
    // Figures: flags handled over a period.
    index('flags_community_handled_idx').on(t.communityId, t.handledAt).where(sql`${t.handledAt} IS NOT NULL`),
  ],
);

/** A member kept from posting and commenting in one community until `until`. */
export const communitySuspensions = pgTable(
  'community_suspensions',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    until: timestamp('until', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] })],
);
