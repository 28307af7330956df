import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';
import { questions } from './questions.js';

/**
 * How often a member hears by e-mail about one community. No row means 'weekly' (the documented
 * default), so joining a community writes nothing here.
 */
export const emailPreferences = pgTable(
  'email_preferences',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    frequency: text('frequency').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.communityId] }),
    // Immediate notices: the members of a community who asked for every post.
    index('email_preferences_community_freq_idx').on(t.communityId, t.frequency),
    check('email_preferences_frequency', sql`${t.frequency} IN ('immediately', 'daily', 'weekly', 'never')`),
  ],
);

/**
 * One row per member and digest period: claimed before sending, so a re-run of the period
 * (retry, second worker) never sends twice. status: 'sending' -> 'sent' | 'failed' | 'empty'.
 */
export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    frequency: text('frequency').notNull(),
    /** e.g. '2026-11-29' for a daily digest, the Monday for a weekly one. */
    periodKey: text('period_key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    postCount: bigint('post_count', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.frequency, t.periodKey] }),
    // "Since their last digest": a member's latest delivered window.
    index('digest_deliveries_last_idx').on(t.userId, t.frequency, t.windowEnd.desc()),
  ],
);

/** Immediate notices already sent: one per post and member, whatever the retries. */
export const postNotices = pgTable(
  'post_notices',
  {
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_notices_user_idx').on(t.userId)],
);

/** Where the immediate-notice job stopped (the last post id it handled). */
export const emailCursors = pgTable('email_cursors', {
  name: text('name').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Answer-deadline reminders: each kind is sent once per question. */
export const reminders = pgTable(
  'reminders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    questionId: bigint('question_id', { mode: 'number' }).notNull().references(() => questions.postId, { onDelete: 'cascade' }),
    /** 'due_soon' (animators, 24 h before) or 'overdue' (coordinators). */
    kind: text('kind').notNull(),
    recipients: bigint('recipients', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminders_question_kind_key').on(t.questionId, t.kind)],
);
