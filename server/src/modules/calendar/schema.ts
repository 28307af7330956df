import { Type, type Static } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { ArticleTypeSchema, LinkInput, TagsInput } from '../../../../common/api/posts.js';
import { Id } from '../../lib/schemas.js';

/** Route schemas of the editorial calendar. */

const DateTime = Type.String({ format: 'date-time' });
const UserRef = Type.Object({ id: Id, firstName: Type.String(), lastName: Type.String() });

/** Kinds a planned post can take: those whose post is complete from a title and a body. */
export const PLANNABLE_KINDS = ['discussion', 'article', 'veille', 'ressource'] as const;
export const PlannableKind = Type.Union(PLANNABLE_KINDS.map((k) => Type.Literal(k)));
export type PlannableKindValue = (typeof PLANNABLE_KINDS)[number];

/**
 * A date and time: either Europe/Paris wall-clock time without an offset ("2027-03-01T09:00"),
 * or an instant with its offset ("2027-03-01T08:00:00Z").
 */
export const PlannedAtInput = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})?$',
  maxLength: 40,
});
/** A calendar day, YYYY-MM-DD. */
export const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** Local time HH:MM. */
export const TimeOfDay = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 });

const Title = Type.String({ minLength: 1, maxLength: LIMITS.postTitle, pattern: '\\S' });
const Body = Type.String({ maxLength: LIMITS.postBody });
const Label = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

export const PlannedStatusInput = Type.Union([Type.Literal('draft'), Type.Literal('scheduled')]);
const PlannedStatus = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('cancelled')]);

/**
 * What the post will carry besides its title and body, by kind (posts/kinds.ts): an article's type,
 * a veille's or a ressource's link and source; a rubrique and tags for any kind. Checked when saved,
 * required for the kind when scheduled, written to the post when it is published.
 */
export const PlannedPayload = Type.Object(
  {
    articleType: Type.Optional(ArticleTypeSchema),
    link: Type.Optional(LinkInput),
    rubriqueId: Type.Optional(Type.Union([Id, Type.Null()])),
    tags: Type.Optional(TagsInput),
  },
  { additionalProperties: false },
);
export type PlannedPayloadValue = Static<typeof PlannedPayload>;

export const CreatePlannedBody = Type.Object(
  {
    kind: Type.Optional(PlannableKind),
    title: Title,
    body: Type.Optional(Body),
    plannedAt: PlannedAtInput,
    status: Type.Optional(PlannedStatusInput),
    slotId: Type.Optional(Type.Union([Id, Type.Null()])),
    payload: Type.Optional(PlannedPayload),
  },
  { additionalProperties: false },
);
export type CreatePlannedInput = Static<typeof CreatePlannedBody>;

export const EditPlannedBody = Type.Object(
  {
    kind: Type.Optional(PlannableKind),
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    plannedAt: Type.Optional(PlannedAtInput),
    status: Type.Optional(PlannedStatusInput),
    slotId: Type.Optional(Type.Union([Id, Type.Null()])),
    payload: Type.Optional(PlannedPayload),
  },
  { additionalProperties: false },
);
export type EditPlannedInput = Static<typeof EditPlannedBody>;

export const PlannedPost = Type.Object({
  id: Id,
  communityId: Id,
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  payload: Type.Unknown(),
  plannedAt: DateTime,
  /** The same instant as Europe/Paris wall-clock time, "YYYY-MM-DDTHH:MM", for forms. */
  plannedAtLocal: Type.String(),
  status: PlannedStatus,
  postId: Type.Union([Id, Type.Null()]),
  slotId: Type.Union([Id, Type.Null()]),
  author: UserRef,
  createdAt: DateTime,
  updatedAt: DateTime,
  can: Type.Object({ edit: Type.Boolean(), cancel: Type.Boolean() }),
});

export const SlotBody = Type.Object(
  {
    label: Label,
    kind: Type.Optional(PlannableKind),
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    time: TimeOfDay,
    intervalWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
    startsOn: Type.Optional(DateOnly),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SlotInput = Static<typeof SlotBody>;
export const EditSlotBody = Type.Partial(SlotBody, { additionalProperties: false });
export type EditSlotInput = Static<typeof EditSlotBody>;

export const Slot = Type.Object({
  id: Id,
  communityId: Id,
  label: Type.String(),
  kind: Type.String(),
  weekday: Type.Integer(),
  time: Type.String(),
  intervalWeeks: Type.Integer(),
  startsOn: Type.String(),
  active: Type.Boolean(),
});

export const CalendarQuery = Type.Object({ from: DateOnly, to: DateOnly });

export const Calendar = Type.Object({
  from: Type.String(),
  to: Type.String(),
  planned: Type.Array(PlannedPost),
  occurrences: Type.Array(Type.Object({
    slotId: Id, label: Type.String(), kind: Type.String(), at: DateTime, atLocal: Type.String(),
    /** The planned post already attached to this occurrence's day, if any. */
    plannedPostId: Type.Union([Id, Type.Null()]),
  })),
  published: Type.Array(Type.Object({
    id: Id, kind: Type.String(), title: Type.String(), createdAt: DateTime, author: UserRef,
  })),
  events: Type.Array(Type.Object({ postId: Id, title: Type.String(), startsAt: DateTime, endsAt: DateTime })),
  slots: Type.Array(Slot),
  /** Who is on duty (roster module), for each week of the period that has someone. */
  duty: Type.Array(Type.Object({ weekStart: Type.String(), animator: UserRef })),
});
