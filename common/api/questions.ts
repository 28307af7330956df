import { Type, type Static } from 'typebox';
import { CommunityRef, Id, UserRef } from './shared.js';

/** Route schemas of the questions module: the server validates with them, the web client reads their types. */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Jour au format AAAA-MM-JJ (heure de Paris)' });

export const DeadlineRuleSchema = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 30 }),
  mode: Type.Union([Type.Literal('calendar'), Type.Literal('working')]),
});

export const QuestionStatus = Type.Union([Type.Literal('pending'), Type.Literal('answered'), Type.Literal('solved')]);

export const Question = Type.Object({
  postId: Id,
  status: QuestionStatus,
  askedAt: DateTime,
  deadlineAt: DateTime,
  /** Open past its deadline, or answered after it. */
  overdue: Type.Boolean(),
  firstResponseAt: Nullable(DateTime),
  answeredAt: Nullable(DateTime),
  answeredBy: Nullable(UserRef),
  answerCommentId: Nullable(Id),
  solutionCommentId: Nullable(Id),
  now: DateTime,
  can: Type.Object({ markSolution: Type.Boolean() }),
});

export const PendingQuestion = Type.Object({
  id: Id,
  title: Type.String(),
  author: UserRef,
  community: CommunityRef,
  commentCount: Type.Integer(),
  askedAt: DateTime,
  deadlineAt: DateTime,
  overdue: Type.Boolean(),
});

export const PendingPage = Type.Object({
  items: Type.Array(PendingQuestion),
  nextCursor: Nullable(Type.String()),
  counts: Type.Object({ open: Type.Integer(), overdue: Type.Integer() }),
  /** Server time, so "time left" does not depend on the reader's clock. */
  now: DateTime,
});

export const SolutionBody = Type.Object({ commentId: Id }, { additionalProperties: false });
export const PostIdParam = Type.Object({ postId: Id });

export const PeriodQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) });

const figures = {
  asked: Type.Integer(),
  answered: Type.Integer(),
  answeredWithinDeadline: Type.Integer(),
  decided: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  medianSeconds: Nullable(Type.Integer()),
  p90Seconds: Nullable(Type.Integer()),
  shareWithinDeadline: Nullable(Type.Number()),
};

export const Stats = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  ...figures,
  byAnimator: Type.Array(Type.Object({
    user: UserRef,
    answered: Type.Integer(),
    answeredWithinDeadline: Type.Integer(),
    shareWithinDeadline: Nullable(Type.Number()),
    medianSeconds: Nullable(Type.Integer()),
    p90Seconds: Nullable(Type.Integer()),
  })),
});

export const SuggestQuery = Type.Object({
  q: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  /** Also the posts of the related communities the user may read (citing in an answer). */
  related: Type.Optional(Type.Boolean()),
});

export const Suggestions = Type.Object({
  items: Type.Array(Type.Object({
    id: Id, title: Type.String(), kind: Type.String(), createdAt: DateTime,
    community: Type.Object({ slug: Type.String(), name: Type.String() }),
  })),
});

export const Settings = Type.Object({ ...DeadlineRuleSchema.properties, can: Type.Object({ edit: Type.Boolean() }) });
export const SettingsBody = Type.Object(DeadlineRuleSchema.properties, { additionalProperties: false });

export type QuestionOut = Static<typeof Question>;
export type PendingOut = Static<typeof PendingQuestion>;

/** The client's names for what it sends and reads. */
export type QuestionStatus = Static<typeof QuestionStatus>;
export type Question = QuestionOut;
export type PendingQuestion = PendingOut;
export type PendingPage = Static<typeof PendingPage>;
export type Stats = Static<typeof Stats>;
export type DeadlineRule = Static<typeof DeadlineRuleSchema>;
export type DeadlineMode = DeadlineRule['mode'];
export type DeadlineSettings = Static<typeof Settings>;
export type Suggestions = Static<typeof Suggestions>;
