import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * National RSS/Atom sources of CNFPT resources (training offers, LID issues, publications), set up
 * by the national team. Polled like the communities' veille sources; `resource_type` is what their
 * items are, prefilled when an animator promotes one.
 */
export const cnfptSources = pgTable(
  'cnfpt_sources',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    resourceType: text('resource_type').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }).notNull().defaultNow(),
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastError: text('last_error'),
    failureCount: integer('failure_count').notNull().default(0),
    itemCount: integer('item_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('cnfpt_sources_url_key').on(t.url),
    index('cnfpt_sources_due_idx').on(t.nextPollAt),
    check('cnfpt_sources_resource_type', sql`${t.resourceType} IN ('formation', 'lid', 'publication', 'autre')`),
  ],
);

/**
 * What the national sources brought: stored once for the whole network, not once per community.
 * Every community's veille inbox reads them; a community's decision is a row of
 * cnfpt_item_decisions, so an item nobody has decided on costs one row, whatever the number of communities.
 */
export const cnfptItems = pgTable(
  'cnfpt_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull().references(() => cnfptSources.id, { onDelete: 'cascade' }),
    guid: text('guid').notNull(),
    link: text('link').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cnfpt_items_link_key').on(t.link),
    uniqueIndex('cnfpt_items_source_guid_key').on(t.sourceId, t.guid),
  ],
);

/** One community's decision on a national item: promoted (as a « ressource CNFPT » post) or dismissed. No row: new. */
export const cnfptItemDecisions = pgTable(
  'cnfpt_item_decisions',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    itemId: bigint('item_id', { mode: 'number' }).notNull().references(() => cnfptItems.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.itemId] }),
    index('cnfpt_item_decisions_item_idx').on(t.itemId),
    check('cnfpt_item_decisions_status', sql`${t.status} IN ('promoted', 'dismissed')`),
  ],
);
