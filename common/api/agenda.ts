import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id } from './shared.js';

/**
 * Route schemas of the agenda: the only definition of its request and response shapes. The server validates
 * with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
/** A Paris calendar day, checked again by the service (no Feb 30). */
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** A Paris wall-clock time. */
const LocalTime = Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const OptionalText = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));

const Title = Type.String({ minLength: 1, maxLength: LIMITS.postTitle, pattern: '\\S' });
const Body = Type.String({ minLength: 1, maxLength: LIMITS.postBody, pattern: '\\S' });

const eventFields = {
  allDay: Type.Optional(Type.Boolean()),
  startDate: LocalDate,
  /** Required unless allDay. */
  startTime: Type.Optional(Nullable(LocalTime)),
  /** The last day, included. */
  endDate: LocalDate,
  endTime: Type.Optional(Nullable(LocalTime)),
  place: OptionalText(LIMITS.eventPlace),
  onlineUrl: OptionalText(LIMITS.eventUrl),
  registrationUrl: OptionalText(LIMITS.eventUrl),
  organiser: OptionalText(LIMITS.eventOrganiser),
};

export const CreateEventBody = Type.Object(
  { title: Title, body: Body, ...eventFields },
  { additionalProperties: false },
);

export const EditEventBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    ...eventFields,
    startDate: Type.Optional(LocalDate),
    endDate: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });
export const PostIdParam = Type.Object({ postId: Id });

export const ListQuery = Type.Object({
  /** Upcoming (default: not yet ended, soonest first) or past (latest first). */
  when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const NetworkQuery = Type.Object({
  when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const Event = Type.Object({
  postId: Id,
  community: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
  title: Type.String(),
  excerpt: Type.String(),
  /** UTC instants; for an all-day event endsAt is Paris midnight after the last day. */
  startsAt: DateTime,
  endsAt: DateTime,
  allDay: Type.Boolean(),
  /** The same in Europe/Paris wall-clock terms, as the form shows them. */
  startDate: LocalDate,
  startTime: Nullable(LocalTime),
  endDate: LocalDate,
  endTime: Nullable(LocalTime),
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  registrationUrl: Nullable(Type.String()),
  organiser: Nullable(Type.String()),
  can: Type.Object({ edit: Type.Boolean() }),
});

export const EventPage = Type.Object({
  items: Type.Array(Event),
  nextCursor: Nullable(Type.String()),
  /** What the current user may do in this agenda. */
  can: Type.Object({ create: Type.Boolean() }),
});

/** A month grid: every event overlapping [from, to] (Paris days, both included; at most six weeks and a little). */
export const MonthQuery = Type.Object({ from: LocalDate, to: LocalDate });

/**
 * An event as the month grid and the list under it show it: when, what, where. The rest (excerpt, organiser,
 * links, the reader's abilities) is on the post page; a busy month holds a hundred of these.
 */
export const MonthEvent = Type.Pick(Event, [
  'postId', 'title', 'startsAt', 'endsAt', 'allDay', 'startDate', 'startTime', 'endDate', 'endTime', 'place', 'onlineUrl',
]);

export const MonthPage = Type.Object({
  items: Type.Array(MonthEvent),
  /** What the current user may do in this agenda. */
  can: Type.Object({ create: Type.Boolean() }),
});

export const IcsBody = Type.String({ description: 'text/calendar; charset=utf-8 (RFC 5545)' });

export type CreateEventInput = Static<typeof CreateEventBody>;
export type EditEventInput = Static<typeof EditEventBody>;
export type EventOut = Static<typeof Event>;

/** The client's names for what it sends and reads (an event is « AgendaEvent » there, beside the DOM's Event). */
export type AgendaEvent = EventOut;
export type EventPage = Static<typeof EventPage>;
export type MonthEvent = Static<typeof MonthEvent>;
export type MonthPage = Static<typeof MonthPage>;
/** What the event form sends: every field of an edit; creating one also needs the title and the body. */
export type EventInput = EditEventInput;
