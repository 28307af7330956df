import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Outbox of domain events (server/src/events): one row per event and asynchronous handler, written in the
 * transaction of the change that raised it, deleted once its handler ran. A row still here is due (`due_at`) or
 * waiting for a retry after a failure; events with only synchronous handlers leave no row.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    /** The registered asynchronous handler this row is for (several may react to one event). */
    handler: text('handler').notNull(),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_due_idx').on(t.dueAt, t.id)],
);
