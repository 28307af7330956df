import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the surveys module (« mini-enquêtes »): the only definition of their shapes. The server
 * validates with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
const Label = Type.String({ minLength: 1, maxLength: LIMITS.surveyLabel, pattern: '\\S' });
export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
const Kind = Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('scale'), Type.Literal('text')]);

export const SurveyIdParam = Type.Object({ id: Id });
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });

export const NewQuestion = Type.Object(
  {
    kind: Kind,
    label: Label,
    required: Type.Optional(Type.Boolean()),
    /** Choices of a single or multiple choice question; absent for a scale or a short text. */
    options: Type.Optional(Type.Array(Label, { maxItems: LIMITS.surveyOptionsMax })),
  },
  { additionalProperties: false },
);

export const CreateSurveyBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.postTitle, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: LIMITS.surveyDescription })),
    anonymous: Type.Boolean(),
    closesAt: DateTime,
    questions: Type.Array(NewQuestion, { minItems: 1, maxItems: LIMITS.surveyQuestionsMax }),
  },
  { additionalProperties: false },
);

export const AnswerInput = Type.Object(
  {
    questionId: Id,
    optionIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: LIMITS.surveyOptionsMax, uniqueItems: true })),
    value: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    text: Type.Optional(Type.String({ maxLength: LIMITS.surveyTextAnswer })),
  },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object(
  { answers: Type.Array(AnswerInput, { maxItems: LIMITS.surveyQuestionsMax }) },
  { additionalProperties: false },
);

export const PublishResultsBody = Type.Object(
  { commentary: Type.String({ minLength: 1, maxLength: LIMITS.pollCommentary, pattern: '\\S' }) },
  { additionalProperties: false },
);

const Count = Type.Union([Type.Integer(), Type.Null()]);

export const SurveyQuestion = Type.Object({
  id: Id,
  kind: Kind,
  label: Type.String(),
  required: Type.Boolean(),
  /** Choices with their counts (null while the results are hidden from this reader). */
  options: Type.Array(Type.Object({ id: Id, label: Type.String(), count: Count })),
  /** Scale questions: how many chose 1, 2, 3, 4, 5, and the mean (null when hidden or no answer). */
  scale: Type.Union([Type.Object({ counts: Type.Array(Type.Integer()), average: Type.Union([Type.Number(), Type.Null()]) }), Type.Null()]),
  /** Short-text questions: how many answered (the texts themselves: staff only, GET .../texts). */
  textCount: Count,
  /** How many answered this question. */
  answered: Count,
});

export const MyAnswer = Type.Object({
  questionId: Id,
  optionIds: Type.Array(Id),
  value: Type.Union([Type.Integer(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
});

export const Survey = Type.Object({
  id: Id,
  community: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
  title: Type.String(),
  description: Type.String(),
  anonymous: Type.Boolean(),
  closesAt: DateTime,
  closed: Type.Boolean(),
  createdAt: DateTime,
  resultsVisible: Type.Boolean(),
  participants: Count,
  questions: Type.Array(SurveyQuestion),
  /** Whether I took part. */
  answered: Type.Boolean(),
  /** My answers, for a survey that is not anonymous (an anonymous one keeps no link to me). */
  myAnswers: Type.Union([Type.Array(MyAnswer), Type.Null()]),
  resultsPost: Type.Union([Type.Object({ id: Id, title: Type.String() }), Type.Null()]),
  can: Type.Object({
    answer: Type.Boolean(), close: Type.Boolean(), publishResults: Type.Boolean(), viewTexts: Type.Boolean(), export: Type.Boolean(),
  }),
});

export const SurveySummary = Type.Object({
  id: Id,
  title: Type.String(),
  anonymous: Type.Boolean(),
  closesAt: DateTime,
  closed: Type.Boolean(),
  participants: Type.Integer(),
  questionCount: Type.Integer(),
  createdAt: DateTime,
  resultsPostId: Type.Union([Id, Type.Null()]),
});

export const TextAnswer = Type.Object({
  id: Id,
  questionId: Id,
  text: Type.String(),
  /** The respondent's name in a named survey; null in an anonymous one. */
  respondent: Type.Union([Type.String(), Type.Null()]),
});

export const TextsQuery = Type.Object({
  /** Only the answers to this question of the survey. */
  question: Type.Optional(Id),
  cursor: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const SurveySummaryPage = Page(SurveySummary);
export const TextAnswerPage = Page(TextAnswer);

/** GET /surveys/:id/export: the totals or every response, as CSV. */
export const ExportQuery = Type.Object({ detail: Type.Optional(Type.Union([Type.Literal('totaux'), Type.Literal('reponses')])) });

export type SurveyOut = Static<typeof Survey>;
export type SurveyAbilities = SurveyOut['can'];
export type NewSurvey = Static<typeof CreateSurveyBody>;
export type AnswerIn = Static<typeof AnswerInput>;

/** The client's names for what it sends and reads. */
export type Survey = SurveyOut;
export type SurveyQuestion = Static<typeof SurveyQuestion>;
export type QuestionKind = SurveyQuestion['kind'];
export type AnswerInput = AnswerIn;
export type SurveySummaryPage = Static<typeof SurveySummaryPage>;
export type TextAnswerPage = Static<typeof TextAnswerPage>;
