import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { Id } from '../../lib/schemas.js';

const Count = Type.Integer({ minimum: 0 });
const Instant = Type.String({ format: 'date-time', maxLength: 40 });

export const EventBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('exchange'), Type.Literal('gathering')]),
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
  kind: Type.String(),
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

export const EventsQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const Registration = Type.Object({
  userId: Type.Integer(), name: Type.String(), registeredAt: Type.String(), attended: Type.Union([Type.Boolean(), Type.Null()]),
});

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
export const PracticeComment = Type.Object({ id: Type.Integer(), bodyHtml: Type.String(), author: Type.String(), createdAt: Type.String() });
export const PracticeDetail = Type.Object({
  ...Practice.properties,
  comments: Type.Object({ items: Type.Array(PracticeComment), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
});
