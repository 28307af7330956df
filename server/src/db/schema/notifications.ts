import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { dossiers } from './dossiers.js';

/**
 * In-app notifications: one row per recipient, the truth behind the bell and the SSE stream.
 * Post/comment ids are plain columns (no foreign key): a notification outlives a deleted item
 * and the link then answers 404, which is what a reader expects.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    communityId: bigint('community_id', { mode: 'number' }).references(() => communities.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }),
    commentId: bigint('comment_id', { mode: 'number' }),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_id_idx').on(t.userId, t.id.desc()),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
    // The nightly retention purge (privacy/retention.ts) takes the oldest rows.
    index('notifications_created_idx').on(t.createdAt),
  ],
);

/**
 * Outbox of events whose fan-out is too big for the request (a new post in a community
 * followed by thousands): written in the change's transaction, expanded by a job in batches.
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }),
    /** Set for a post added to a dossier: the recipients are the dossier's followers, not the community's. */
    dossierId: bigint('dossier_id', { mode: 'number' }).references(() => dossiers.id, { onDelete: 'cascade' }),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    /** Highest recipient id already fanned out: the job resumes from here after a crash. */
    lastUserId: bigint('last_user_id', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_events_pending_idx').on(t.id).where(sql`${t.doneAt} IS NULL`),
    // The nightly retention purge (privacy/retention.ts) takes events done long ago.
    index('notification_events_done_idx').on(t.doneAt).where(sql`${t.doneAt} IS NOT NULL`),
  ],
);

/** Communities a member follows: a new post there notifies them. */
export const communityFollows = pgTable(
  'community_follows',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), index('community_follows_user_idx').on(t.userId)],
);

/** Dossiers a member follows: a post added to one notifies them. */
export const dossierFollows = pgTable(
  'dossier_follows',
  {
    dossierId: bigint('dossier_id', { mode: 'number' }).notNull().references(() => dossiers.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.userId] }), index('dossier_follows_user_idx').on(t.userId)],
);
