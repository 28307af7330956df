import { Type, type Static, type TSchema } from 'typebox';
import { LIMITS } from '../limits.js';
import { ArticleTypeSchema, LinkInput, TagsInput } from './posts.js';
import { Id, PostKindSchema, UserRef } from './shared.js';

/** Route schemas of the editorial calendar: the server validates with them, the web client reads their types. */

const DateTime = Type.String({ format: 'date-time' });

/** Kinds a planned post can take: those whose post is complete from a title and a body. */
export const PlannableKind = Type.Union([Type.Literal('discussion'), Type.Literal('article'), Type.Literal('veille'), Type.Literal('ressource')]);
export type PlannableKindValue = Static<typeof PlannableKind>;

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

const classification = {
  rubriqueId: Type.Optional(Type.Union([Id, Type.Null()])),
  tags: Type.Optional(TagsInput),
};
const articleFields = { articleType: Type.Optional(ArticleTypeSchema) };
const linkFields = { link: Type.Optional(LinkInput) };

/**
 * What the post will carry besides its title and body, by kind (posts/kinds.ts): an article's type,
 * a veille's or a ressource's link and source; a rubrique and tags for any kind. Checked when saved
 * (fields of another kind are refused), required for the kind when scheduled, written to the post when
 * it is published. A request may carry any of them, the service checks them against the kind.
 */
export const PlannedPayload = Type.Object({ ...articleFields, ...linkFields, ...classification }, { additionalProperties: false });
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

/** A planned post of one kind, whose payload holds only that kind's fields (the service refuses the others). */
function plannedOf<K extends TSchema, P extends TSchema>(kind: K, payload: P) {
  return Type.Object({
    id: Id,
    communityId: Id,
    kind,
    title: Type.String(),
    body: Type.String(),
    payload,
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
}

export const PlannedPost = Type.Union([
  plannedOf(Type.Literal('discussion'), Type.Object(classification)),
  plannedOf(Type.Literal('article'), Type.Object({ ...articleFields, ...classification })),
  plannedOf(Type.Union([Type.Literal('veille'), Type.Literal('ressource')]), Type.Object({ ...linkFields, ...classification })),
]);

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
  kind: PlannableKind,
  weekday: Type.Integer(),
  time: Type.String(),
  intervalWeeks: Type.Integer(),
  startsOn: Type.String(),
  active: Type.Boolean(),
});

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) });
export const SlotList = Type.Object({ items: Type.Array(Slot) });

export const CalendarQuery = Type.Object({ from: DateOnly, to: DateOnly });

export const Calendar = Type.Object({
  from: Type.String(),
  to: Type.String(),
  planned: Type.Array(PlannedPost),
  occurrences: Type.Array(Type.Object({
    slotId: Id, label: Type.String(), kind: PlannableKind, at: DateTime, atLocal: Type.String(),
    /** The planned post already attached to this occurrence's day, if any. */
    plannedPostId: Type.Union([Id, Type.Null()]),
  })),
  published: Type.Array(Type.Object({
    id: Id, kind: PostKindSchema, title: Type.String(), createdAt: DateTime, author: UserRef,
  })),
  events: Type.Array(Type.Object({ postId: Id, title: Type.String(), startsAt: DateTime, endsAt: DateTime })),
  slots: Type.Array(Slot),
  /** Who is on duty (roster module), for each week of the period that has someone. */
  duty: Type.Array(Type.Object({ weekStart: Type.String(), animator: UserRef })),
});

export type PlannedPostOut = Static<typeof PlannedPost>;

/** The client's names for what it sends and reads. */
export type PlannableKind = PlannableKindValue;
export type PlannedStatus = Static<typeof PlannedStatus>;
export type PlannedPayload = PlannedPayloadValue;
export type PlannedPost = PlannedPostOut;
export type Slot = Static<typeof Slot>;
export type SlotList = Static<typeof SlotList>;
export type CalendarData = Static<typeof Calendar>;
export type NewPlanned = CreatePlannedInput;
export type PlannedEdit = EditPlannedInput;
export type NewSlot = SlotInput;
export type SlotEdit = EditSlotInput;
