import { Type, type Static } from 'typebox';
import { Id, Page } from './shared.js';

/** Route schemas of the contracts module: the server validates with them, the web client reads their types. */

const Day = Type.String({ format: 'date', pattern: '^(19|20|21)\\d{2}-\\d{2}-\\d{2}$' });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const Count = Type.Integer({ minimum: 0 });

export const Scale = Type.Object({ code: Type.String(), label: Type.String(), hourlyRateCents: Count });
export const ScaleList = Type.Array(Scale);
export const ScaleParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9._-]+$' }) });
export const ScaleBody = Type.Object(
  { label: Type.String({ maxLength: 200 }), hourlyRateCents: Type.Integer({ minimum: 1, maximum: 100000 }) },
  { additionalProperties: false },
);

export const AssignmentBody = Type.Object(
  {
    userId: Id,
    communitySlug: Type.String({ minLength: 1, maxLength: 200 }),
    startsOn: Day,
    endsOn: Type.Optional(Type.Union([Day, Type.Null()])),
    monthlyHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    scaleCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    hourlyRateCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  },
  { additionalProperties: false },
);

export const Assignment = Type.Object({
  id: Type.Integer(), userId: Type.Integer(), userName: Type.String(), communityId: Type.Integer(), communityName: Type.String(),
  communitySlug: Type.String(), startsOn: Type.String(), endsOn: Type.Union([Type.String(), Type.Null()]), monthlyHours: Count,
  scaleCode: Type.String(), hourlyRateCents: Count, monthlyAmountCents: Count,
});

export const ListQuery = Type.Object({
  /** A community's (its coordinator, the national admin); absent: the caller's own. */
  community: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const DeclareBody = Type.Object(
  {
    month: Month,
    /** Quarter hours at most, as payroll counts them. */
    hours: Type.Number({ minimum: 0, maximum: 200, multipleOf: 0.25 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const CeilingParams = Type.Object({ id: Type.Integer({ minimum: 1 }), month: Month });
export const CeilingBody = Type.Object(
  {
    /** The hours the animator may declare that month, quarter hours at most. */
    hours: Type.Number({ minimum: 0, maximum: 200, multipleOf: 0.25 }),
    reason: Type.String({ minLength: 3, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export const Ceiling = Type.Object({ month: Month, hours: Type.Number(), reason: Type.String() });

const Families = Type.Object({ veille: Count, animation: Count, redaction: Count, total: Count });

export const Statement = Type.Object({
  id: Type.Integer(),
  month: Type.String(),
  minutes: Count,
  note: Type.String(),
  amountCents: Count,
  declaredAt: Type.String(),
  validatedAt: Type.Union([Type.String(), Type.Null()]),
  validatedBy: Type.Union([Type.String(), Type.Null()]),
  assignment: Type.Omit(Assignment, ['monthlyAmountCents']),
  contributions: Type.Union([Families, Type.Null()]),
  can: Type.Object({ validate: Type.Boolean() }),
});

export const AssignmentPage = Page(Assignment);
export const StatementPage = Page(Statement);
export const ExportParams = Type.Object({ id: Id, format: Type.Union([Type.Literal('pdf'), Type.Literal('csv')]) });

/** The client's names for what it sends and reads. */
export type Scale = Static<typeof Scale>;
export type ScaleList = Static<typeof ScaleList>;
export type ScaleInput = Static<typeof ScaleBody>;
export type Assignment = Static<typeof Assignment>;
export type AssignmentPage = Static<typeof AssignmentPage>;
export type NewAssignment = Static<typeof AssignmentBody>;
export type Statement = Static<typeof Statement>;
export type StatementPage = Static<typeof StatementPage>;
export type Declaration = Static<typeof DeclareBody>;
export type Ceiling = Static<typeof Ceiling>;
export type CeilingInput = Static<typeof CeilingBody>;
