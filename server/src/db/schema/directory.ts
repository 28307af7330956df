import { bigint, boolean, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/**
 * What a member shows of themself in the directory and on their profile, and how they hear of
 * private messages. A member without a row has the defaults: listed, every detail hidden,
 * a mail for a new conversation message.
 */
export const memberSettings = pgTable('member_settings', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  listed: boolean('listed').notNull().default(true),
  showEmployer: boolean('show_employer').notNull().default(false),
  showJob: boolean('show_job').notNull().default(false),
  showTerritory: boolean('show_territory').notNull().default(false),
  showEmail: boolean('show_email').notNull().default(false),
  messageEmail: boolean('message_email').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
