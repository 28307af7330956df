import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * RSS or Atom sources an animation team watches for its community. The poller keeps the
 * validators of the last answer (ETag, Last-Modified) for conditional requests, and the last
 * failure with the last success so the team sees a broken feed and since when.
 */
export const veilleSources = pgTable(
  'veille_sources',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** Given by the animator, else the feed's own title once read. */
    title: text('title').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** When the next poll may start; a claim moves it forward so two workers never poll the same source. */
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }).notNull().defaultNow(),
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Failures in a row; the team is told once when it reaches the threshold. */
    failureCount: integer('failure_count').notNull().default(0),
    itemCount: integer('item_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('veille_sources_community_url_key').on(t.communityId, t.url),
    index('veille_sources_due_idx').on(t.nextPollAt),
  ],
);

/**
 * The veille inbox: what the sources brought, until an animator publishes it (as a veille post)
 * or dismisses it. An item is kept once per community by its link and once per source by its
 * feed identifier (guid / id), so a feed re-sent or two sources relaying the same article add nothing.
 */
export const veilleItems = pgTable(
  'veille_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull().references(() => veilleSources.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    guid: text('guid').notNull(),
    link: text('link').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').notNull().default('new'),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('veille_items_community_link_key').on(t.communityId, t.link),
    uniqueIndex('veille_items_source_guid_key').on(t.sourceId, t.guid),
    index('veille_items_inbox_idx').on(t.communityId, t.status, t.id.desc()),
    /** The activity figures (veille/activity.ts): a community's items of the last weeks, read from the index alone. */
    index('veille_items_activity_idx').on(t.communityId, t.fetchedAt, t.sourceId, t.status),
    /** The retention job (veille/purge.ts): undecided or dismissed items, oldest first. Published ones are kept. */
    index('veille_items_purge_idx').on(t.fetchedAt).where(sql`${t.status} <> 'published'`),
    check('veille_items_status', sql`${t.status} IN ('new', 'published', 'dismissed')`),
  ],
);
