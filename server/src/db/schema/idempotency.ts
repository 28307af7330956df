import { bigint, index, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/**
 * Answers to writes sent with an `Idempotency-Key` header, kept 24 hours per user (plugins/idempotency.ts).
 * The row is written in the same transaction as the write it guards; `status` and `response` are filled
 * once the answer is known, so a row without them is a write done whose answer was not stored (yet).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** Method and URL of the first request: the key may not be reused for another route or resource. */
    fingerprint: text('fingerprint').notNull(),
    /** SHA-256 of the first request's body: the key may not be reused for another content. */
    requestHash: text('request_hash').notNull(),
    status: smallint('status'),
    contentType: text('content_type'),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    // The hourly purge (jobs/definitions.ts) walks the oldest rows.
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
