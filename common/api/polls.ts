import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the polls module: the only definition of its request and response shapes. The server
 * validates with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
const Visibility = Type.Union([Type.Literal('live'), Type.Literal('after_close')]);

export const PostIdParam = Type.Object({ postId: Id });
export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });

const Label = Type.String({ minLength: 1, maxLength: LIMITS.pollOptionLabel, pattern: '\\S' });

export const CreatePollBody = Type.Object(
  {
    /** The question, used as the post's title. */
    title: Type.String({ minLength: 1, maxLength: LIMITS.postTitle, pattern: '\\S' }),
    /** Optional context, Markdown. */
    body: Type.Optional(Type.String({ maxLength: LIMITS.postBody })),
    options: Type.Array(Label, { minItems: LIMITS.pollOptionsMin, maxItems: LIMITS.pollOptionsMax }),
    multiple: Type.Optional(Type.Boolean({ default: false })),
    allowFreeText: Type.Optional(Type.Boolean({ default: false })),
    closesAt: DateTime,
    resultsVisibility: Type.Optional(Visibility),
  },
  { additionalProperties: false },
);

export const VoteBody = Type.Object(
  {
    optionIds: Type.Array(Id, { minItems: 1, maxItems: LIMITS.pollOptionsMax, uniqueItems: true }),
    freeText: Type.Optional(Type.String({ maxLength: LIMITS.pollFreeText })),
  },
  { additionalProperties: false },
);

export const PublishResultsBody = Type.Object(
  { commentary: Type.String({ minLength: 1, maxLength: LIMITS.pollCommentary, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const PollOption = Type.Object({
  id: Id,
  label: Type.String(),
  /** null while the results are hidden from this reader. */
  count: Type.Union([Type.Integer(), Type.Null()]),
  /** Share of voters who chose it, one decimal (a multiple-choice poll may sum above 100). */
  percent: Type.Union([Type.Number(), Type.Null()]),
});

export const FreeTextAnswer = Type.Object({ text: Type.String(), createdAt: DateTime });

export const Poll = Type.Object({
  postId: Id,
  community: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
  title: Type.String(),
  multiple: Type.Boolean(),
  allowFreeText: Type.Boolean(),
  closesAt: DateTime,
  closed: Type.Boolean(),
  resultsVisibility: Visibility,
  resultsVisible: Type.Boolean(),
  totalVoters: Type.Union([Type.Integer(), Type.Null()]),
  options: Type.Array(PollOption),
  myVote: Type.Union([Type.Object({ optionIds: Type.Array(Id), freeText: Type.Union([Type.String(), Type.Null()]), createdAt: DateTime }), Type.Null()]),
  /** Free-text answers, to staff only (anonymous: no author). */
  freeText: Type.Union([Type.Object({ count: Type.Integer(), items: Type.Array(FreeTextAnswer), nextCursor: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  resultsPost: Type.Union([Type.Object({ id: Id, title: Type.String() }), Type.Null()]),
  can: Type.Object({ vote: Type.Boolean(), close: Type.Boolean(), publishResults: Type.Boolean(), viewFreeText: Type.Boolean() }),
});

export const PollSummary = Type.Object({
  postId: Id,
  title: Type.String(),
  multiple: Type.Boolean(),
  closesAt: DateTime,
  closed: Type.Boolean(),
  totalVoters: Type.Integer(),
  createdAt: DateTime,
  resultsPostId: Type.Union([Id, Type.Null()]),
});

export const PollSummaryPage = Page(PollSummary);
export const FreeTextPage = Page(FreeTextAnswer);

export type PollOut = Static<typeof Poll>;
export type PollAbilities = PollOut['can'];

/** The client's names for what it sends and reads. */
export type Poll = PollOut;
export type PollOption = Static<typeof PollOption>;
export type PollSummary = Static<typeof PollSummary>;
export type PollSummaryPage = Static<typeof PollSummaryPage>;
export type CreatePollInput = Static<typeof CreatePollBody>;
export type VoteInput = Static<typeof VoteBody>;
