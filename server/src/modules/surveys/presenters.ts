import { toIso } from '../../lib/cursor.js';
import type { CurrentUser } from '../../types.js';
import { canSeeSurveyResults, surveyAbilities, type SurveyState } from './policy.js';
import type { AnswerRow, SurveyListRow, SurveyRow } from './queries.js';
import type { SurveyOut } from '../../../../common/api/surveys.js';
import type { QuestionTally } from './tally.js';

export function surveyState(row: SurveyRow): SurveyState {
  return {
    communityStatus: row.community_status, role: row.my_role, closed: row.closed, answered: row.answered, resultsPostId: row.results_post_id,
  };
}

/** My answers grouped by question (several rows for a multiple choice). */
function groupAnswers(rows: AnswerRow[]) {
  const out = new Map<number, { questionId: number; optionIds: number[]; value: number | null; text: string | null }>();
  for (const r of rows) {
    const a = out.get(r.question_id) ?? { questionId: r.question_id, optionIds: [], value: null, text: null };
    if (r.option_id !== null) a.optionIds.push(r.option_id);
    if (r.scale !== null) a.value = r.scale;
    if (r.text !== null) a.text = r.text;
    out.set(r.question_id, a);
  }
  return [...out.values()];
}

/** Hidden results leave as nulls, not as zeros. */
export function presentSurvey(row: SurveyRow, questions: QuestionTally[], mine: AnswerRow[] | null, user: CurrentUser | null): SurveyOut {
  const state = surveyState(row);
  const visible = canSeeSurveyResults(user, state);
  return {
    id: row.id,
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    title: row.title,
    description: row.description,
    anonymous: row.anonymous,
    closesAt: toIso(row.closes_at),
    closed: row.closed,
    createdAt: toIso(row.created_at),
    resultsVisible: visible,
    participants: visible ? row.participants : null,
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      label: q.label,
      required: q.required,
      options: q.options.map((o) => ({ id: o.id, label: o.label, count: visible ? o.count : null })),
      scale: q.scale && visible ? { counts: q.scale, average: q.average } : null,
      textCount: q.kind === 'text' && visible ? q.textCount : null,
      answered: visible ? q.answered : null,
    })),
    answered: row.answered,
    myAnswers: mine ? groupAnswers(mine) : null,
    resultsPost: row.results_post_id !== null && row.results_post_title !== null ? { id: row.results_post_id, title: row.results_post_title } : null,
    can: surveyAbilities(user, state),
  };
}

export function presentSurveySummary(row: SurveyListRow) {
  return {
    id: row.id,
    title: row.title,
    anonymous: row.anonymous,
    closesAt: toIso(row.closes_at),
    closed: row.closed,
    participants: row.participants,
    questionCount: row.question_count,
    createdAt: toIso(row.created_at),
    resultsPostId: row.results_post_id === null ? null : Number(row.results_post_id),
  };
}
