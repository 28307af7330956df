import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * Monthly contributions expected, set by the coordinator: one row for the whole community
 * (user_id NULL) and optionally one per animator, which wins. No row: the default (20).
 */
export const animatorTargets = pgTable(
  'animator_targets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'cascade' }),
    monthlyTarget: integer('monthly_target').notNull(),
    setBy: bigint('set_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One community-wide row (user 0) and one row per animator: the upsert's conflict target.
    uniqueIndex('animator_targets_key').on(t.communityId, sql`coalesce(${t.userId}, 0)`),
    check('animator_targets_range', sql`${t.monthlyTarget} BETWEEN 1 AND 500`),
    // The member's own rows: « Exporter mes données » and account deletion (privacy/).
    index('animator_targets_user_idx').on(t.userId),
  ],
);

/**
 * Reads of a post per Paris day: a counter, no reader, no IP address. Every GET of the post
 * counts (simplest honest measure: it counts reads, not distinct readers).
 */
export const postViewsDaily = pgTable(
  'post_views_daily',
  {
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    /** Copied from the post so "most read in a community this month" reads one index range. */
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.postId, t.day] }), index('post_views_daily_community_day_idx').on(t.communityId, t.day, t.postId)],
);
