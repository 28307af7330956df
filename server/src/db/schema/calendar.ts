import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, jsonb, pgEnum, pgTable, smallint, text, time, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { postKind, posts } from './posts.js';

/**
 * Recurring editorial appointments ("rendez-vous réguliers"), e.g. a veille every Monday at 9:00.
 * Stored as a rule (weekday, local time, every N weeks from an anchor date) and expanded on read,
 * in Europe/Paris, so occurrences keep their local time across daylight-saving changes.
 */
export const editorialSlots = pgTable(
  'editorial_slots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    kind: postKind('kind').notNull().default('discussion'),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    /** Local time in Europe/Paris. */
    timeOfDay: time('time_of_day').notNull(),
    intervalWeeks: smallint('interval_weeks').notNull().default(1),
    /** First week of the rule; with intervalWeeks > 1 it fixes which weeks count. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('editorial_slots_community_idx').on(t.communityId, t.id),
    check('editorial_slots_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('editorial_slots_interval', sql`${t.intervalWeeks} BETWEEN 1 AND 52`),
  ],
);

export const plannedPostStatus = pgEnum('planned_post_status', ['draft', 'scheduled', 'published', 'cancelled']);

/** A post being prepared by the staff: a draft with a date, or scheduled for automatic publication. */
export const plannedPosts = pgTable(
  'planned_posts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => users.id),
    kind: postKind('kind').notNull().default('discussion'),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull().default(''),
    /** Kind-specific fields, handed to the kind's insert when the post is published. */
    payload: jsonb('payload').notNull().default({}),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    status: plannedPostStatus('status').notNull().default('draft'),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id),
    slotId: bigint('slot_id', { mode: 'number' }).references(() => editorialSlots.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The calendar reads a community's plan over a date range.
    index('planned_posts_community_planned_idx').on(t.communityId, t.plannedAt, t.id),
    // The minutely sweep looks only at what is still waiting.
    index('planned_posts_due_idx').on(t.plannedAt).where(sql`${t.status} = 'scheduled'`),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('planned_posts_author_idx').on(t.authorId),
  ],
);
