import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';

/** Animators' contracts: pay scales, assignments to a community, monthly hours ceilings, service statements. */

/** Pay scales, editable by the national admin. Money in integer cents. */
export const payScales = pgTable(
  'pay_scales',
  {
    code: text('code').primaryKey(),
    label: text('label').notNull().default(''),
    hourlyRateCents: integer('hourly_rate_cents').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('pay_scales_rate', sql`${t.hourlyRateCents} BETWEEN 1 AND 100000`)],
);

/**
 * An animator's assignment to a community. The hourly rate is copied from the scale when the
 * assignment is made (a later scale change does not rewrite past pay). Deliberately no bank
 * details, no identity document: payroll holds those.
 */
export const animatorAssignments = pgTable(
  'animator_assignments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    monthlyHours: integer('monthly_hours').notNull().default(13),
    scaleCode: text('scale_code').notNull().references(() => payScales.code),
    hourlyRateCents: integer('hourly_rate_cents').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('animator_assignments_user_idx').on(t.userId, t.startsOn),
    index('animator_assignments_community_idx').on(t.communityId, t.startsOn, t.id),
    check('animator_assignments_hours', sql`${t.monthlyHours} BETWEEN 1 AND 200`),
    check('animator_assignments_dates', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A month in which the national team let an animator declare more than the assignment's monthly hours
 * (an event, a dossier): the new ceiling and why. Without a row, the assignment's monthly hours are the limit.
 */
export const hoursCeilings = pgTable(
  'hours_ceilings',
  {
    assignmentId: bigint('assignment_id', { mode: 'number' }).notNull().references(() => animatorAssignments.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    maxMinutes: integer('max_minutes').notNull(),
    reason: text('reason').notNull(),
    setBy: bigint('set_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.assignmentId, t.month] }),
    check('hours_ceilings_minutes', sql`${t.maxMinutes} BETWEEN 0 AND 12000`),
  ],
);

/**
 * Hours declared for one month of an assignment ("état de service fait" once validated by the
 * community's coordinator). One row per assignment and month: a second declaration is a 409.
 */
export const serviceStatements = pgTable(
  'service_statements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: bigint('assignment_id', { mode: 'number' }).notNull().references(() => animatorAssignments.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    note: text('note').notNull().default(''),
    amountCents: integer('amount_cents').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
    validatedBy: bigint('validated_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    /** The month's contributions by family, frozen at validation so the statement never changes after. */
    veille: integer('veille'),
    animation: integer('animation'),
    redaction: integer('redaction'),
  },
  (t) => [
    uniqueIndex('service_statements_assignment_month_key').on(t.assignmentId, t.month),
    index('service_statements_community_month_idx').on(t.communityId, t.month.desc(), t.id.desc()),
    check('service_statements_minutes', sql`${t.minutes} BETWEEN 0 AND 12000`),
  ],
);
