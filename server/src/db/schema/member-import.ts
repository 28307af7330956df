import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgEnum, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

export const welcomeStatus = pgEnum('welcome_status', ['queued', 'sent', 'activated', 'bounced']);

/**
 * The welcome campaign of imported members, one row each: the worker sends the queued ones in throttled
 * batches (member-import/welcome-jobs.ts) and the national team follows the figures on the « Import » page.
 */
export const importWelcomes = pgTable(
  'import_welcomes',
  {
    userId: bigint('user_id', { mode: 'number' }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
    status: welcomeStatus('status').notNull().default('queued'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * When a batch took the row: a queued row claimed less than a few minutes ago is being sent by a worker;
     * an older claim is a worker that died mid-batch, and the row is taken again. Also counts the hourly rate.
     */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    /** The SMTP server's refusal, for the national team. */
    error: text('error'),
  },
  (t) => [
    // Next batch (queued, by id) and the list per status, by cursor.
    index('import_welcomes_status_idx').on(t.status, t.userId),
    // Mails sent in the last hour (the throttle).
    index('import_welcomes_claimed_idx').on(t.claimedAt).where(sql`${t.claimedAt} IS NOT NULL`),
  ],
);

/** One row: whether the national team paused the welcome campaign. */
export const importCampaign = pgTable(
  'import_campaign',
  {
    id: smallint('id').primaryKey().default(1),
    paused: boolean('paused').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('import_campaign_single_row', sql`${t.id} = 1`)],
);
