import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { comments, posts } from './posts.js';

/**
 * A post of kind 'question' and its answer deadline. Written in the same transaction as the
 * post (and as each comment that answers it), so the "questions à traiter" list never counts rows.
 */
export const questions = pgTable(
  'questions',
  {
    postId: bigint('post_id', { mode: 'number' }).primaryKey().references(() => posts.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    askerId: bigint('asker_id', { mode: 'number' }).notNull().references(() => users.id),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    /** First comment by anyone but the asker: a signal of life, not the measured answer. */
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    firstResponderId: bigint('first_responder_id', { mode: 'number' }).references(() => users.id),
    /** When the answer that counts was written: the first staff reply or the accepted solution, whichever came first. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: bigint('answered_by', { mode: 'number' }).references(() => users.id),
    /** Whether answered_by was an animator, coordinator or national admin when answering (per-animator figures). */
    answeredByStaff: boolean('answered_by_staff').notNull().default(false),
    answerCommentId: bigint('answer_comment_id', { mode: 'number' }).references(() => comments.id),
    solutionCommentId: bigint('solution_comment_id', { mode: 'number' }).references(() => comments.id),
    /**
     * The post is in view (neither deleted nor hidden by moderation): kept by a trigger on posts (migration 0056), so
     * that the open questions are counted off their own index, without reading each one's post.
     */
    postInView: boolean('post_in_view').notNull().default(true),
  },
  (t) => [
    // "Questions à traiter": open questions of a community whose post is in view, soonest deadline first.
    index('questions_pending_idx').on(t.communityId, t.deadlineAt, t.postId).where(sql`${t.answeredAt} IS NULL AND ${t.postInView}`),
    // Figures over a period: questions asked between two dates.
    index('questions_community_asked_idx').on(t.communityId, t.askedAt),
  ],
);

export const questionDeadlineMode = pgEnum('question_deadline_mode', ['calendar', 'working']);

/** A community's answer-deadline rule; a community without a row uses 3 calendar days. */
export const questionSettings = pgTable(
  'question_settings',
  {
    communityId: bigint('community_id', { mode: 'number' }).primaryKey().references(() => communities.id, { onDelete: 'cascade' }),
    deadlineDays: integer('deadline_days').notNull().default(3),
    deadlineMode: questionDeadlineMode('deadline_mode').notNull().default('calendar'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('question_settings_days_range', sql`${t.deadlineDays} BETWEEN 1 AND 30`)],
);
