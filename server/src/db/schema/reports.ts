import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';

/**
 * The coordinator's objectives for a community: one row per kind (quality, growth, regularity).
 * No row: the default of common/objectives.ts. Who set it and when is kept on the row.
 */
export const steeringObjectives = pgTable(
  'steering_objectives',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['quality', 'growth', 'regularity'] }).notNull(),
    target: numeric('target', { mode: 'number' }).notNull(),
    setBy: bigint('set_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.kind] }),
    check('steering_objectives_kind', sql`${t.kind} IN ('quality', 'growth', 'regularity')`),
    check('steering_objectives_positive', sql`${t.target} > 0`),
  ],
);

/** The "réunion de programmation et d'analyse": its period is whole Paris months. */
export const reviewMeetings = pgTable(
  'review_meetings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    /** First day of the first month and last day of the last month reviewed. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    agenda: text('agenda').notNull(),
    minutes: text('minutes'),
    decisions: text('decisions'),
    minutesBy: bigint('minutes_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    minutesAt: timestamp('minutes_at', { withTimezone: true }),
    /** Minutes prepared before (or during) the meeting: only the coordination reads them until finalised. */
    minutesDraft: boolean('minutes_draft').notNull().default(false),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list (newest first) and "is one planned in this quarter?" both read this range.
    index('review_meetings_community_scheduled_idx').on(t.communityId, t.scheduledAt.desc(), t.id.desc()),
    check('review_meetings_period', sql`${t.periodFrom} <= ${t.periodTo}`),
  ],
);

export const reviewMeetingParticipants = pgTable(
  'review_meeting_participants',
  {
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => reviewMeetings.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('review_meeting_participants_user_idx').on(t.userId)],
);

/**
 * An animator's activity report for a meeting. While a draft, its figures are computed from the
 * data on each read; submitting freezes them in `figures`, so what the coordinator reads is what was sent.
 */
export const activityReports = pgTable(
  'activity_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull().references(() => reviewMeetings.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    highlights: text('highlights').notNull().default(''),
    difficulties: text('difficulties').notNull().default(''),
    proposals: text('proposals').notNull().default(''),
    rendezvous: text('rendezvous').notNull().default(''),
    figures: jsonb('figures'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    comment: text('comment'),
    commentBy: bigint('comment_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    commentAt: timestamp('comment_at', { withTimezone: true }),
    /** The coordination's review of the draft, before the meeting: « à revoir » or « prêt », and a note per written section. */
    reviewStatus: text('review_status'),
    reviewNotes: jsonb('review_notes').notNull().default({}),
    reviewBy: bigint('review_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    reviewAt: timestamp('review_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activity_reports_meeting_author_key').on(t.meetingId, t.authorId),
    index('activity_reports_author_idx').on(t.authorId, t.createdAt.desc(), t.id.desc()),
    check('activity_reports_review_status', sql`${t.reviewStatus} IN ('to_revise', 'ready')`),
  ],
);
