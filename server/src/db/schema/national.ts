import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';

/**
 * National steering: rollups read by the national dashboard, member activity (DAU/MAU) and
 * the animators' network (exchange sessions, annual gathering, private space). Animators'
 * contracts and monthly hours are in contracts.ts.
 */

/**
 * One row per (community, Paris day, member) who read or wrote in it that day. Written in batches
 * with ON CONFLICT DO NOTHING, so a member costs at most one row per community and day; no IP address,
 * no page, no time of day.
 */
export const memberActivityDaily = pgTable(
  'member_activity_daily',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.day, t.userId] }),
    // Network-wide distinct actives of a day range (the rollup job).
    index('member_activity_daily_day_user_idx').on(t.day, t.userId),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('member_activity_daily_user_idx').on(t.userId),
  ],
);

/**
 * The national dashboard's figures for each community over the current Paris month, recomputed by the
 * `refresh-national-rollups` job; refreshed_at tells the reader how fresh they are.
 */
export const communityStats = pgTable('community_stats', {
  communityId: bigint('community_id', { mode: 'number' }).primaryKey().references(() => communities.id, { onDelete: 'cascade' }),
  month: date('month', { mode: 'string' }).notNull(),
  members: integer('members').notNull(),
  membersMonthStart: integer('members_month_start').notNull(),
  joinedMonth: integer('joined_month').notNull(),
  postsMonth: integer('posts_month').notNull(),
  commentsMonth: integer('comments_month').notNull(),
  activeMonth: integer('active_month').notNull(),
  /** Questions asked in the month whose outcome is known (answered, or deadline past), and those answered in time (questions/stats.ts). */
  questionsDue: integer('questions_due').notNull(),
  questionsInTime: integer('questions_in_time').notNull(),
  flagsPending: integer('flags_pending').notNull(),
  moderationActionsMonth: integer('moderation_actions_month').notNull(),
  /** Animators carrying the monthly target (steering/targets.ts: coordinators carry none). */
  staffCount: integer('staff_count').notNull(),
  contributionsMonth: integer('contributions_month').notNull(),
  /** Sum of the staff members' monthly targets. */
  contributionsTarget: integer('contributions_target').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
});

/** Month by month (last 12 Paris months) for each community: the audience series. */
export const communityMonths = pgTable(
  'community_months',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    membersEnd: integer('members_end').notNull(),
    joined: integer('joined').notNull(),
    posts: integer('posts').notNull(),
    comments: integer('comments').notNull(),
    active: integer('active').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
);

/** The same series for the whole network; members and active ones are distinct people. */
export const networkMonths = pgTable('network_months', {
  month: date('month', { mode: 'string' }).primaryKey(),
  subscribers: integer('subscribers').notNull(),
  joined: integer('joined').notNull(),
  posts: integer('posts').notNull(),
  comments: integer('comments').notNull(),
  active: integer('active').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
});

/** Daily active members (distinct people) of the network, last 60 Paris days. */
export const networkDays = pgTable('network_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  active: integer('active').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
});

export const networkEventKind = pgEnum('network_event_kind', ['exchange', 'gathering']);

/**
 * The animators' network events: a one-hour remote exchange session at most once a month
 * (unique index on its Paris month) and the annual gathering.
 */
export const networkEvents = pgTable(
  'network_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: networkEventKind('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Video-conference link for an exchange, address for the gathering. */
    location: text('location').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** First day of the Paris month of starts_at, set by the service (the uniqueness key). */
    month: date('month', { mode: 'string' }).notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('network_events_one_exchange_per_month').on(t.month).where(sql`${t.kind} = 'exchange'`),
    check('network_events_exchange_one_hour', sql`${t.kind} <> 'exchange' OR ${t.endsAt} = ${t.startsAt} + interval '1 hour'`),
    check('network_events_order', sql`${t.endsAt} > ${t.startsAt}`),
    index('network_events_starts_idx').on(t.startsAt, t.id),
  ],
);

export const networkEventRegistrations = pgTable(
  'network_event_registrations',
  {
    eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => networkEvents.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    /** Recorded by the national team after the event; null until then. */
    attended: boolean('attended'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('network_event_registrations_user_idx').on(t.userId)],
);

/** Good practices shared in the animators' private space (animators, coordinators, national team). */
export const networkPosts = pgTable(
  'network_posts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    authorId: bigint('author_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    commentCount: integer('comment_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('network_posts_created_idx').on(t.createdAt.desc(), t.id.desc()),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('network_posts_author_idx').on(t.authorId),
  ],
);

export const networkComments = pgTable(
  'network_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => networkPosts.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('network_comments_post_idx').on(t.postId, t.createdAt, t.id),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('network_comments_author_idx').on(t.authorId),
  ],
);
