import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { LIMITS } from '../../../../common/limits.js';
import { insertPost } from '../posts/service.js';
import { answerCounts, surveyQuestions, type QuestionRow } from './queries.js';
import { surveyResultsMarkdown, surveyResultsTitle } from './results.js';
import { tallies } from './tally.js';
import type { AnswerIn, NewSurvey } from '../../../../common/api/surveys.js';

/** Writes of the surveys module, each in one transaction. */

const MAX_DAYS_AHEAD = 366;
const CHOICE_KINDS = new Set(['single', 'multiple']);

/** Checks what the schema cannot express; the French messages name the field. */
export function validateNewSurvey(input: NewSurvey, now = Date.now()): void {
  const fields: Record<string, string> = {};
  const closes = new Date(input.closesAt).getTime();
  if (Number.isNaN(closes) || closes <= now) fields.closesAt = 'La date de clôture doit être dans le futur.';
  else if (closes > now + MAX_DAYS_AHEAD * 86_400_000) fields.closesAt = 'La date de clôture doit être dans l’année qui vient.';
  input.questions.forEach((q, i) => {
    const options = (q.options ?? []).map((o) => o.trim());
    const key = `questions.${i}`;
    if (CHOICE_KINDS.has(q.kind)) {
      if (options.length < LIMITS.surveyOptionsMin) fields[key] = `La question ${i + 1} propose au moins ${LIMITS.surveyOptionsMin} réponses.`;
      else if (new Set(options.map((o) => o.toLocaleLowerCase('fr'))).size !== options.length) fields[key] = `La question ${i + 1} propose deux réponses identiques.`;
    } else if (options.length > 0) {
      fields[key] = `La question ${i + 1} (échelle ou texte court) ne propose pas de réponses à cocher.`;
    }
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
}

export async function createSurvey(db: Db, communityId: number, input: NewSurvey): Promise<number> {
  validateNewSurvey(input);
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: number }>(sql`
      INSERT INTO surveys (community_id, title, description, anonymous, closes_at)
      VALUES (${communityId}, ${input.title.trim()}, ${input.description?.trim() ?? ''}, ${input.anonymous}, ${input.closesAt}::timestamptz)
      RETURNING id`);
    const surveyId = Number(rows[0]!.id);
    const qs = input.questions;
    const inserted = await tx.execute<{ id: number; position: number }>(sql`
      INSERT INTO survey_questions (survey_id, position, kind, label, required)
      SELECT ${surveyId}, pos, kind::survey_question_kind, label, req
        FROM unnest(${sql.param(qs.map((_, i) => i + 1))}::int[], ${sql.param(qs.map((q) => q.kind))}::text[],
                    ${sql.param(qs.map((q) => q.label.trim()))}::text[], ${sql.param(qs.map((q) => q.required ?? true))}::boolean[])
             AS t(pos, kind, label, req)
      RETURNING id, position`);
    const idAt = new Map(inserted.rows.map((r) => [Number(r.position), Number(r.id)]));
    const opts = qs.flatMap((q, i) => (q.options ?? []).map((label, j) => ({ q: idAt.get(i + 1)!, pos: j + 1, label: label.trim() })));
    if (opts.length > 0) {
      await tx.execute(sql`
        INSERT INTO survey_options (question_id, position, label)
        SELECT q, pos, label FROM unnest(${sql.param(opts.map((o) => o.q))}::bigint[], ${sql.param(opts.map((o) => o.pos))}::int[],
                                         ${sql.param(opts.map((o) => o.label))}::text[]) AS t(q, pos, label)`);
    }
    return surveyId;
  });
}

type AnswerValues = { questionId: number; optionId: number | null; scale: number | null; text: string | null };

const invalid = (questionId: number, message: string) =>
  new AppError('VALIDATION_FAILED', message, { [`answers.${questionId}`]: message });

/** Turns the answers into rows, refusing anything that does not fit its question. */
export function answerRows(questions: QuestionRow[], answers: AnswerIn[]): AnswerValues[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<number>();
  const out: AnswerValues[] = [];
  for (const a of answers) {
    const q = byId.get(a.questionId);
    if (!q) throw invalid(a.questionId, 'Une des questions n’existe pas dans cette mini-enquête.');
    if (seen.has(q.id)) throw invalid(q.id, `La question « ${q.label} » a reçu deux réponses.`);
    seen.add(q.id);
    const text = a.text?.trim() ?? '';
    if (q.kind === 'single' || q.kind === 'multiple') {
      const ids = a.optionIds ?? [];
      if (a.value !== undefined || a.text !== undefined) throw invalid(q.id, `La question « ${q.label} » attend une réponse à cocher.`);
      if (ids.length === 0) continue;
      if (q.kind === 'single' && ids.length > 1) throw invalid(q.id, `La question « ${q.label} » n’accepte qu’une seule réponse.`);
      const known = new Set(q.options.map((o) => o.id));
      if (ids.some((id) => !known.has(id))) throw invalid(q.id, `Une réponse choisie n’existe pas pour la question « ${q.label} ».`);
      for (const id of ids) out.push({ questionId: q.id, optionId: id, scale: null, text: null });
    } else if (q.kind === 'scale') {
      if (a.optionIds !== undefined || a.text !== undefined) throw invalid(q.id, `La question « ${q.label} » attend une note de 1 à 5.`);
      if (a.value !== undefined) out.push({ questionId: q.id, optionId: null, scale: a.value, text: null });
    } else {
      if (a.optionIds !== undefined || a.value !== undefined) throw invalid(q.id, `La question « ${q.label} » attend un texte court.`);
      if (text) out.push({ questionId: q.id, optionId: null, scale: null, text });
    }
  }
  const missing = questions.find((q) => q.required && !out.some((r) => r.questionId === q.id));
  if (missing) throw invalid(missing.id, `Répondez à la question « ${missing.label} ».`);
  return out;
}

/**
 * Records one member's answers, once. The participant row (primary key survey, user) decides between two
 * simultaneous submissions; in an anonymous survey the submission carries no user, so nothing links them.
 */
export async function answerSurvey(db: Db, surveyId: number, userId: number, answers: AnswerIn[]): Promise<void> {
  await db.transaction(async (tx) => {
    // FOR SHARE: a concurrent closing waits until this answer is in.
    const { rows } = await tx.execute<{ anonymous: boolean; open: boolean }>(sql`
      SELECT anonymous, closes_at > now() AS open FROM surveys WHERE id = ${surveyId} FOR SHARE`);
    const survey = rows[0];
    if (!survey) throw new AppError('SURVEY_NOT_FOUND');
    if (!survey.open) throw new AppError('SURVEY_CLOSED');
    const values = answerRows(await surveyQuestions(tx, surveyId), answers);
    const first = await tx.execute(sql`
      INSERT INTO survey_participants (survey_id, user_id) VALUES (${surveyId}, ${userId})
      ON CONFLICT DO NOTHING RETURNING user_id`);
    if (first.rows.length === 0) throw new AppError('SURVEY_ALREADY_ANSWERED');
    const sub = await tx.execute<{ id: number }>(sql`
      INSERT INTO survey_submissions (survey_id, user_id) VALUES (${surveyId}, ${survey.anonymous ? null : userId}) RETURNING id`);
    if (values.length === 0) return;
    await tx.execute(sql`
      INSERT INTO survey_answers (submission_id, question_id, option_id, scale, text)
      SELECT ${sub.rows[0]!.id}, q, o, s, t
        FROM unnest(${sql.param(values.map((v) => v.questionId))}::bigint[], ${sql.param(values.map((v) => v.optionId))}::bigint[],
                    ${sql.param(values.map((v) => v.scale))}::smallint[], ${sql.param(values.map((v) => v.text))}::text[]) AS t(q, o, s, t)`);
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('SURVEY_ALREADY_ANSWERED');
    throw err;
  });
}

export async function closeSurvey(db: DbOrTx, surveyId: number): Promise<void> {
  const { rows } = await db.execute(sql`UPDATE surveys SET closes_at = now() WHERE id = ${surveyId} AND closes_at > now() RETURNING id`);
  if (rows.length === 0) throw new AppError('SURVEY_CLOSED');
}

/** Publishes the results as an article of the community, once (the survey row is locked). */
export async function publishSurveyResults(db: Db, surveyId: number, authorId: number, commentary: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ community_id: number; title: string; closes_at: string; closed: boolean; results_post_id: number | null; participants: number }>(sql`
      SELECT s.community_id, s.title, s.closes_at::text AS closes_at, s.closes_at <= now() AS closed, s.results_post_id,
             (SELECT count(*)::int FROM survey_participants sp WHERE sp.survey_id = s.id) AS participants
        FROM surveys s WHERE s.id = ${surveyId} FOR UPDATE`);
    const s = rows[0];
    if (!s) throw new AppError('SURVEY_NOT_FOUND');
    if (s.results_post_id !== null) throw new AppError('SURVEY_RESULTS_ALREADY_PUBLISHED');
    if (!s.closed) throw new AppError('SURVEY_NOT_CLOSED');
    const questions = tallies(await surveyQuestions(tx, surveyId), await answerCounts(tx, surveyId));
    const body = surveyResultsMarkdown({ surveyId, title: s.title, closesAt: new Date(s.closes_at), participants: s.participants, questions, commentary });
    const postId = await insertPost(tx, s.community_id, authorId, { kind: 'article', title: surveyResultsTitle(s.title), body, fields: { articleType: 'autre' } });
    await tx.execute(sql`UPDATE surveys SET results_post_id = ${postId} WHERE id = ${surveyId}`);
    return postId;
  });
}
