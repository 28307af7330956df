import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { isoText, type PgKeyset } from '../../lib/cursor.js';
import { AppError } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import type { CommunityRole, CommunityStatus } from '../communities/policy.js';

/** Read queries of the surveys module: each one statement on an index, never one per question. */

export interface SurveyRow extends Record<string, unknown> {
  id: number;
  title: string;
  description: string;
  anonymous: boolean;
  community_id: number;
  community_slug: string;
  community_name: string;
  community_status: CommunityStatus;
  my_role: CommunityRole | null;
  closes_at: string;
  closed: boolean;
  created_at: string;
  results_post_id: number | null;
  results_post_title: string | null;
  participants: number;
  answered: boolean;
}

export async function findSurvey(db: DbOrTx, id: number, user: CurrentUser | null): Promise<SurveyRow | undefined> {
  const me = user?.id ?? 0;
  const { rows } = await db.execute<SurveyRow>(sql`
    SELECT s.id, s.title, s.description, s.anonymous, c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
           c.status AS community_status, m.role AS my_role,
           ${isoText('s.closes_at')} AS closes_at, s.closes_at <= now() AS closed, ${isoText('s.created_at')} AS created_at,
           rp.id AS results_post_id, rp.title AS results_post_title,
           (SELECT count(*)::int FROM survey_participants sp WHERE sp.survey_id = s.id) AS participants,
           EXISTS (SELECT 1 FROM survey_participants sp WHERE sp.survey_id = s.id AND sp.user_id = ${me}) AS answered
      FROM surveys s
      JOIN communities c ON c.id = s.community_id
      LEFT JOIN memberships m ON m.community_id = c.id AND m.user_id = ${me}
      LEFT JOIN posts rp ON rp.id = s.results_post_id AND rp.deleted_at IS NULL
     WHERE s.id = ${id}`);
  return rows[0];
}

export interface QuestionRow extends Record<string, unknown> {
  id: number;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  label: string;
  required: boolean;
  options: { id: number; label: string }[];
}

/** The questions in order, each with its options (one statement). */
export async function surveyQuestions(db: DbOrTx, surveyId: number): Promise<QuestionRow[]> {
  const { rows } = await db.execute<QuestionRow>(sql`
    SELECT q.id, q.kind, q.label, q.required,
           coalesce((SELECT json_agg(json_build_object('id', o.id, 'label', o.label) ORDER BY o.position)
                       FROM survey_options o WHERE o.question_id = q.id), '[]') AS options
      FROM survey_questions q
     WHERE q.survey_id = ${surveyId}
     ORDER BY q.position`);
  return rows.map((r) => ({ ...r, id: Number(r.id), options: r.options.map((o) => ({ id: Number(o.id), label: o.label })) }));
}

export interface CountRow extends Record<string, unknown> {
  question_id: number;
  option_id: number | null;
  scale: number | null;
  is_text: boolean;
  n: number;
  /** Submissions that answered the question (same on every row of a question). */
  answered: number;
}

/** Every count of the results in one GROUP BY over survey_answers_question_idx. */
export async function answerCounts(db: DbOrTx, surveyId: number): Promise<CountRow[]> {
  const { rows } = await db.execute<CountRow>(sql`
    SELECT a.question_id, a.option_id, a.scale, a.text IS NOT NULL AS is_text, count(*)::int AS n,
           (SELECT count(DISTINCT b.submission_id)::int FROM survey_answers b WHERE b.question_id = a.question_id) AS answered
      FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
     WHERE q.survey_id = ${surveyId}
     GROUP BY a.question_id, a.option_id, a.scale, a.text IS NOT NULL`);
  return rows.map((r) => ({ ...r, question_id: Number(r.question_id), option_id: r.option_id === null ? null : Number(r.option_id) }));
}

export interface AnswerRow extends Record<string, unknown> {
  question_id: number;
  option_id: number | null;
  scale: number | null;
  text: string | null;
}

/** My answers to a survey that keeps names (an anonymous one has no row linked to me). */
export async function myAnswers(db: DbOrTx, surveyId: number, userId: number): Promise<AnswerRow[]> {
  const { rows } = await db.execute<AnswerRow>(sql`
    SELECT a.question_id, a.option_id, a.scale, a.text
      FROM survey_submissions s JOIN survey_answers a ON a.submission_id = s.id
     WHERE s.survey_id = ${surveyId} AND s.user_id = ${userId}
     ORDER BY a.id`);
  return rows.map((r) => ({ ...r, question_id: Number(r.question_id), option_id: r.option_id === null ? null : Number(r.option_id) }));
}

export interface TextRow extends Record<string, unknown> {
  id: number;
  question_id: number;
  text: string;
  respondent: string | null;
}

/** An id-only cursor: short texts are read newest first by answer id, never by time (nothing to correlate). */
export function encodeIdCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeIdCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('INVALID_CURSOR');
  return n;
}

/**
 * Short texts of a survey (or of one of its questions), newest first by answer id: a few text questions,
 * each read off the partial index survey_answers_text_idx (question_id, id DESC).
 */
export async function textPage(db: DbOrTx, surveyId: number, questionId: number | undefined, before: number | undefined, limit: number): Promise<TextRow[]> {
  const { rows } = await db.execute<TextRow>(sql`
    SELECT a.id, a.question_id, a.text, CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS respondent
      FROM survey_answers a
      JOIN survey_questions q ON q.id = a.question_id
      JOIN survey_submissions s ON s.id = a.submission_id
      LEFT JOIN users u ON u.id = s.user_id
     WHERE q.survey_id = ${surveyId} AND q.kind = 'text' AND a.text IS NOT NULL
       ${questionId ? sql`AND a.question_id = ${questionId}` : sql``}
       ${before ? sql`AND a.id < ${before}` : sql``}
     ORDER BY a.id DESC
     LIMIT ${limit + 1}`);
  return rows.map((r) => ({ ...r, id: Number(r.id), question_id: Number(r.question_id) }));
}

export interface SurveyListRow extends Record<string, unknown> {
  id: number;
  title: string;
  anonymous: boolean;
  closes_at: string;
  closed: boolean;
  created_at: string;
  results_post_id: number | null;
  participants: number;
  question_count: number;
}

/** A community's surveys, newest first, off surveys_community_idx. */
export async function communitySurveys(db: DbOrTx, communityId: number, cursor: PgKeyset | undefined, limit: number): Promise<SurveyListRow[]> {
  const { rows } = await db.execute<SurveyListRow>(sql`
    SELECT s.id, s.title, s.anonymous, ${isoText('s.closes_at')} AS closes_at, s.closes_at <= now() AS closed,
           ${isoText('s.created_at')} AS created_at, s.results_post_id,
           (SELECT count(*)::int FROM survey_participants sp WHERE sp.survey_id = s.id) AS participants,
           (SELECT count(*)::int FROM survey_questions q WHERE q.survey_id = s.id) AS question_count
      FROM surveys s
     WHERE s.community_id = ${communityId}
       ${cursor ? sql`AND (s.created_at, s.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
     ORDER BY s.created_at DESC, s.id DESC
     LIMIT ${limit + 1}`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface ExportRow extends Record<string, unknown> {
  id: number;
  respondent: string | null;
  created_at: string;
  answers: { q: number; o: number | null; s: number | null; t: string | null }[];
}

/** Submissions with their answers, in order, a page at a time (the CSV export streams through them). */
export async function exportPage(db: DbOrTx, surveyId: number, after: number, limit: number): Promise<ExportRow[]> {
  const { rows } = await db.execute<ExportRow>(sql`
    SELECT s.id, CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS respondent,
           ${isoText('s.created_at')} AS created_at,
           coalesce((SELECT json_agg(json_build_object('q', a.question_id, 'o', a.option_id, 's', a.scale, 't', a.text) ORDER BY a.id)
                       FROM survey_answers a WHERE a.submission_id = s.id), '[]') AS answers
      FROM survey_submissions s LEFT JOIN users u ON u.id = s.user_id
     WHERE s.survey_id = ${surveyId} AND s.id > ${after}
     ORDER BY s.id
     LIMIT ${limit}`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
