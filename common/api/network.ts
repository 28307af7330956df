import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the animators' network (events, registrations, attendance, good practices): the only definition
 * of their shapes. The server validates with them, the web client reads their types.
 */

const Count = Type.Integer({ minimum: 0 });
const Instant = Type.String({ format: 'date-time', maxLength: 40 });

/** A monthly one-hour exchange, or the annual gathering (the column is an enum: network_event_kind). */
export const EventKind = Type.Union([Type.Literal('exchange'), Type.Literal('gathering')]);

export const EventBody = Type.Object(
  {
    kind: EventKind,
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    description: Type.String({ maxLength: 4000 }),
    location: Type.String({ maxLength: 500 }),
    startsAt: Instant,
    endsAt: Instant,
  },
  { additionalProperties: false },
);

export const NetworkEvent = Type.Object({
  id: Type.Integer(),
  kind: EventKind,
  title: Type.String(),
  description: Type.String(),
  location: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  registered: Count,
  attended: Count,
  me: Type.Object({ registered: Type.Boolean(), attended: Type.Union([Type.Boolean(), Type.Null()]) }),
  can: Type.Object({ register: Type.Boolean(), recordAttendance: Type.Boolean() }),
});

export const NetworkEventPage = Page(NetworkEvent);

/** Whether the network's pages are open to the reader (staff), and whether they steer it (national admin). */
export const NetworkMe = Type.Object({ staff: Type.Boolean(), admin: Type.Boolean() });

export const EventsQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const Registration = Type.Object({
  userId: Type.Integer(), name: Type.String(), registeredAt: Type.String(), attended: Type.Union([Type.Boolean(), Type.Null()]),
});

export const Registrations = Type.Array(Registration);

export const AttendanceBody = Type.Object(
  { attendance: Type.Array(Type.Object({ userId: Id, attended: Type.Boolean() }), { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);

export const PracticeBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), body: Type.String({ minLength: 1, maxLength: LIMITS.communityText, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const PracticeCommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: LIMITS.communityText, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const Practice = Type.Object({
  id: Type.Integer(), title: Type.String(), bodyHtml: Type.String(), author: Type.String(), createdAt: Type.String(), commentCount: Count,
});
export const PracticePage = Page(Practice);
export const PracticeComment = Type.Object({ id: Type.Integer(), bodyHtml: Type.String(), author: Type.String(), createdAt: Type.String() });
export const PracticeDetail = Type.Object({
  ...Practice.properties,
  comments: Page(PracticeComment),
});

/** The client's names for what it sends and reads. */
export type NetworkEvent = Static<typeof NetworkEvent>;
export type NetworkEventPage = Static<typeof NetworkEventPage>;
export type NetworkMe = Static<typeof NetworkMe>;
export type EventInput = Static<typeof EventBody>;
export type Registration = Static<typeof Registration>;
export type AttendanceInput = Static<typeof AttendanceBody>;
export type PracticePage = Static<typeof PracticePage>;
export type PracticeDetail = Static<typeof PracticeDetail>;
export type PracticeInput = Static<typeof PracticeBody>;
