import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { communities } from './communities.js';
import { posts } from './posts.js';

/**
 * Mini-enquêtes: several questions asked by the animation, answered once by members. Unlike a poll,
 * a survey is not a post: its results are published as one (an article), as polls do.
 */
export const surveyQuestionKind = pgEnum('survey_question_kind', ['single', 'multiple', 'scale', 'text']);

export const surveys = pgTable(
  'surveys',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => communities.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Anonymous: answers are stored without any link to who gave them (survey_participants only says who took part). */
    anonymous: boolean('anonymous').notNull().default(true),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    resultsPostId: bigint('results_post_id', { mode: 'number' }).references(() => posts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('surveys_community_idx').on(t.communityId, t.createdAt.desc(), t.id.desc())],
);

export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    surveyId: bigint('survey_id', { mode: 'number' }).notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: surveyQuestionKind('kind').notNull(),
    label: text('label').notNull(),
    required: boolean('required').notNull().default(true),
  },
  (t) => [unique('survey_questions_position_key').on(t.surveyId, t.position)],
);

export const surveyOptions = pgTable(
  'survey_options',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    questionId: bigint('question_id', { mode: 'number' }).notNull().references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [
    unique('survey_options_position_key').on(t.questionId, t.position),
    // Target of survey_answers' composite key: a chosen option belongs to the question answered.
    unique('survey_options_question_id_key').on(t.questionId, t.id),
  ],
);

/** Who took part: the primary key makes "one answer per member" true under concurrency. No time, no link to the answers. */
export const surveyParticipants = pgTable(
  'survey_participants',
  {
    surveyId: bigint('survey_id', { mode: 'number' }).notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] }), index('survey_participants_user_idx').on(t.userId)],
);

/** One filled-in form. `user_id` is NULL when the survey is anonymous. */
export const surveySubmissions = pgTable(
  'survey_submissions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    surveyId: bigint('survey_id', { mode: 'number' }).notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The CSV export reads a survey's submissions in order, page by page.
    index('survey_submissions_survey_idx').on(t.surveyId, t.id),
    index('survey_submissions_user_idx').on(t.userId).where(sql`${t.userId} IS NOT NULL`),
  ],
);

/** One row per chosen option, per scale value or per short text of a submission. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    submissionId: bigint('submission_id', { mode: 'number' }).notNull().references(() => surveySubmissions.id, { onDelete: 'cascade' }),
    questionId: bigint('question_id', { mode: 'number' }).notNull().references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    optionId: bigint('option_id', { mode: 'number' }),
    scale: smallint('scale'),
    text: text('text'),
  },
  (t) => [
    foreignKey({ columns: [t.questionId, t.optionId], foreignColumns: [surveyOptions.questionId, surveyOptions.id] }).onDelete('cascade'),
    check('survey_answers_one_value', sql`num_nonnulls(${t.optionId}, ${t.scale}, ${t.text}) = 1`),
    check('survey_answers_scale_range', sql`${t.scale} BETWEEN 1 AND 5`),
    // Results: GROUP BY question and option (or scale) off this index.
    index('survey_answers_question_idx').on(t.questionId, t.optionId, t.scale),
    // Staff read the short texts of a question newest first, page by page.
    index('survey_answers_text_idx').on(t.questionId, t.id.desc()).where(sql`${t.text} IS NOT NULL`),
    index('survey_answers_submission_idx').on(t.submissionId),
  ],
);
