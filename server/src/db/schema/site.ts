import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/** Legal pages (CGU, mentions légales...): every saved version is kept. */
export const legalPages = pgTable('legal_pages', {
  slug: text('slug').primaryKey(),
  title: text('title').notNull(),
  bodyMd: text('body_md').notNull(),
  bodyHtml: text('body_html').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
});

export const legalPageVersions = pgTable(
  'legal_page_versions',
  {
    slug: text('slug').notNull().references(() => legalPages.slug),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.slug, t.version] })],
);

/**
 * Which CGU version each member accepted, and when: written at registration and each time a
 * member accepts a new version. A member's latest row is max(version) under the primary key.
 */
export const cguAcceptances = pgTable(
  'cgu_acceptances',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);
