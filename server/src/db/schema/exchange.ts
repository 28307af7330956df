import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What the exchange importer (server/src/exchange/) brought in: one row per entity of a bundle, keyed by the
 * source platform's name, the kind of entity and its id there. Written in the same transaction as the entity,
 * so a killed import resumes where it stopped; the hash of the source line tells a changed entity from an
 * unchanged one on the next import, and `updated_at` (when the import last wrote the entity) tells whether it
 * was edited here since.
 */
export const exchangeMappings = pgTable(
  'exchange_mappings',
  {
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    sourceId: text('source_id').notNull(),
    localId: bigint('local_id', { mode: 'number' }).notNull(),
    /** SHA-256 of the source line as read (after validation). */
    sourceHash: text('source_hash').notNull(),
    /** The entity's address on the source platform, kept so an export gives it back unchanged. */
    oldUrl: text('old_url'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.kind, t.sourceId] }),
    // The exporter's reverse lookup: which source id a local entity had.
    index('exchange_mappings_local_idx').on(t.kind, t.localId, t.source),
  ],
);

/**
 * Old addresses (paths on the previous platform) answered with a 301 to the entity's page here
 * (plugins/web-shell.ts). The path is the key: a second import of the same address replaces its target.
 */
export const oldAddresses = pgTable('old_addresses', {
  oldPath: text('old_path').primaryKey(),
  newPath: text('new_path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
