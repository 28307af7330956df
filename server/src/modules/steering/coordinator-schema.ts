import { Type, type TSchema } from 'typebox';
import { OBJECTIVES } from '../../../../common/reports.js';

/** The coordinator's dashboard and the community's objectives (coordinator-routes.ts). */

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Person = Type.Object({ id: Type.Integer(), name: Type.String() });

export const MonthQuery = Type.Object({ month: Type.Optional(Month) });

export const ObjectivesBody = Type.Object(
  Object.fromEntries(OBJECTIVES.map((o) => [o.kind, Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: o.max }))])),
  { additionalProperties: false, minProperties: 1 },
);

const Objective = Type.Object({
  kind: Type.String(), label: Type.String(), measure: Type.String(), unit: Type.String(),
  target: Type.Number(), isDefault: Type.Boolean(), setBy: Nullable(Person), updatedAt: Nullable(Type.String()),
});

export const ObjectivesOut = Type.Object({ objectives: Type.Array(Objective) });

const MemberMonth = Type.Object({ month: Type.String(), joined: Count, total: Count, active: Count });
const Families = Type.Object({ veille: Count, animation: Count, redaction: Count });
const ActionCount = Type.Object({ action: Type.String(), count: Count });

export const CoordinatorDashboard = Type.Object({
  month: Month,
  objectives: Type.Array(Type.Object({ ...Objective.properties, value: Nullable(Type.Number()), met: Nullable(Type.Boolean()) })),
  animators: Type.Array(Type.Object({
    userId: Type.Integer(), name: Type.String(), role: Type.String(),
    /** target and met are null for a coordinator: only animators carry the monthly target. */
    contributions: Type.Object({ total: Count, target: Nullable(Count), families: Families, met: Nullable(Type.Boolean()) }),
    regularity: Type.Object({ activeWeeks: Count, target: Type.Number(), met: Type.Boolean() }),
    quality: Type.Object({
      answered: Count, answeredWithinDeadline: Count, share: Nullable(Type.Number()), medianSeconds: Nullable(Type.Integer()), met: Nullable(Type.Boolean()),
    }),
  })),
  questions: Type.Object({
    asked: Count, answered: Count, answeredWithinDeadline: Count, decided: Count, open: Count, overdue: Count,
    shareWithinDeadline: Nullable(Type.Number()), medianSeconds: Nullable(Type.Integer()), p90Seconds: Nullable(Type.Integer()),
  }),
  moderation: Type.Object({
    flagsReceived: Count, flagsHandled: Count, pending: Count, medianHandleSeconds: Nullable(Type.Integer()), actions: Type.Array(ActionCount),
  }),
  members: Type.Array(MemberMonth),
  meetings: Type.Object({
    quarter: Type.String(), planned: Count, warning: Type.Boolean(),
    next: Nullable(Type.Object({ id: Type.Integer(), scheduledAt: Type.String() })),
  }),
});
