import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * An event is a post of kind 'evenement'; this row holds what only events have.
 * Instants are stored in UTC; people enter and read them in Europe/Paris time.
 * An all-day event runs from Paris midnight of its first day to Paris midnight after its last day.
 */
export const events = pgTable(
  'events',
  {
    postId: bigint('post_id', { mode: 'number' }).primaryKey().references(() => posts.id),
    /** Copied from the post so the community's agenda is read off one index. */
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    allDay: boolean('all_day').notNull().default(false),
    place: text('place'),
    onlineUrl: text('online_url'),
    registrationUrl: text('registration_url'),
    organiser: text('organiser'),
    /** iCalendar SEQUENCE: bumped on each change so calendar clients replace their copy. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    // Month view, upcoming and past lists of one community.
    index('events_community_starts_idx').on(t.communityId, t.startsAt, t.postId),
    // The network-wide agenda.
    index('events_starts_idx').on(t.startsAt, t.postId),
    // Steering: events updated in a month (contribution accounting).
    index('events_community_updated_idx').on(t.communityId, t.updatedAt),
  ],
);
