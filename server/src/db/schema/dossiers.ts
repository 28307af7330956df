import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/** A curated, ordered collection of a community's posts, with an introduction and a cover. */
export const dossiers = pgTable(
  'dossiers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    title: text('title').notNull(),
    introMd: text('intro_md').notNull().default(''),
    /** Sanitized HTML rendered once at write time. */
    introHtml: text('intro_html').notNull().default(''),
    coverUrl: text('cover_url'),
    coverAlt: text('cover_alt'),
    itemCount: integer('item_count').notNull().default(0),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dossiers_community_idx').on(t.communityId, t.createdAt.desc(), t.id.desc()),
    // An image without its text alternative would be unreadable for screen-reader users.
    check('dossiers_cover_alt', sql`${t.coverUrl} IS NULL OR length(btrim(${t.coverAlt})) > 0`),
  ],
);

export const dossierItems = pgTable(
  'dossier_items',
  {
    dossierId: bigint('dossier_id', { mode: 'number' }).notNull().references(() => dossiers.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }).notNull().references(() => posts.id),
    position: integer('position').notNull(),
    note: text('note').notNull().default(''),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.postId] }), index('dossier_items_order_idx').on(t.dossierId, t.position)],
);
