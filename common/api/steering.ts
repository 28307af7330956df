import { Type, type Static, type TLiteral, type TNumber, type TOptional, type TSchema } from 'typebox';
import { MAX_MONTHLY_TARGET } from '../contributions.js';
import { OBJECTIVE_KINDS, OBJECTIVES, type ObjectiveKind } from '../reports.js';
import { Id } from './shared.js';

/**
 * Route schemas of the steering module (an animator's dashboard, monthly targets, the coordinator's dashboard and
 * the community's objectives): the only definition of their shapes. The server validates with them, the web
 * client reads their types.
 */

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const Count = Type.Integer({ minimum: 0 });

export const AnimatorQuery = Type.Object({
  month: Type.Optional(Month),
  /** Another staff member's figures (coordinator, national admin). */
  animatorId: Type.Optional(Id),
});

/** Absent userId: back to the default for the community; else back to the community's target. */
export const TargetResetQuery = Type.Object({ userId: Type.Optional(Id) });

export const TargetBody = Type.Object(
  {
    // No null branch: with type coercion on, 0 would silently become null.
    monthlyTarget: Type.Integer({ minimum: 1, maximum: MAX_MONTHLY_TARGET }),
    /** Absent: the whole community's target. */
    userId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

const Families = Type.Object({ veille: Count, animation: Count, redaction: Count });
const TopPost = Type.Object({ postId: Type.Integer(), title: Type.String(), value: Count });

export const TeamRow = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  role: Type.String(),
  total: Count,
  /** Null for a coordinator: only animators carry the monthly target. */
  target: Type.Union([Count, Type.Null()]),
  families: Families,
});

export const TargetOut = Type.Object({
  community: Count,
  communityIsDefault: Type.Boolean(),
  byUser: Type.Array(Type.Object({ userId: Type.Integer(), monthlyTarget: Count })),
});

export const AnimatorDashboard = Type.Object({
  month: Month,
  animator: Type.Object({ id: Type.Integer(), name: Type.String() }),
  target: Type.Union([Count, Type.Null()]),
  total: Count,
  families: Type.Array(Type.Object({
    code: Type.String(),
    label: Type.String(),
    count: Count,
    share: Type.Number(),
    sources: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), description: Type.String(), count: Count })),
  })),
  balance: Type.Object({ balanced: Type.Boolean(), message: Type.String(), low: Type.Array(Type.String()) }),
  formats: Type.Object({
    kinds: Type.Array(Type.Object({ kind: Type.String(), count: Count })),
    attachments: Type.Array(Type.Object({ format: Type.String(), count: Count })),
    embeds: Type.Array(Type.Object({ provider: Type.String(), count: Count })),
  }),
  questions: Type.Object({
    total: Count,
    items: Type.Array(Type.Object({ postId: Type.Integer(), title: Type.String(), deadlineAt: Type.String(), hoursLeft: Type.Integer() })),
  }),
  flagsWaiting: Count,
  /** « Ressources CNFPT » promoted in the month: by this animator, by the whole community. */
  cnfptResources: Type.Object({ animator: Count, community: Count }),
  members: Type.Array(Type.Object({ month: Type.String(), joined: Count, total: Count })),
  mostRead: Type.Array(TopPost),
  mostUseful: Type.Array(TopPost),
  /** When members, mostRead and mostUseful were computed (kept a minute per server instance). */
  audienceAt: Type.String({ format: 'date-time' }),
  /** Each staff member's month, for the coordinator and the national admin; null otherwise. */
  team: Type.Union([Type.Array(TeamRow), Type.Null()]),
  targets: Type.Union([TargetOut, Type.Null()]),
  can: Type.Object({ setTarget: Type.Boolean(), readTeam: Type.Boolean() }),
});

// ---- The coordinator's dashboard and the community's objectives (coordinator-routes.ts) ----

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Person = Type.Object({ id: Type.Integer(), name: Type.String() });

export const MonthQuery = Type.Object({ month: Type.Optional(Month) });

export const ObjectivesBody = Type.Object(
  Object.fromEntries(OBJECTIVES.map((o) => [o.kind, Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: o.max }))])) as
    Record<ObjectiveKind, TOptional<TNumber>>,
  { additionalProperties: false, minProperties: 1 },
);

/**
 * Always one of OBJECTIVES' kinds: the server lists them from there (coordinator-objectives.ts). The cast gives
 * the union its static type (a mapped array would read as never).
 */
const ObjectiveKindSchema = Type.Union(OBJECTIVE_KINDS.map((kind) => Type.Literal(kind)) as [TLiteral<ObjectiveKind>]);

const Objective = Type.Object({
  kind: ObjectiveKindSchema, label: Type.String(), measure: Type.String(), unit: Type.String(),
  target: Type.Number(), isDefault: Type.Boolean(), setBy: Nullable(Person), updatedAt: Nullable(Type.String()),
});

export const ObjectivesOut = Type.Object({ objectives: Type.Array(Objective) });

const MemberMonth = Type.Object({ month: Type.String(), joined: Count, total: Count, active: Count });
const ActionCount = Type.Object({ action: Type.String(), count: Count });

const AnimatorRow = Type.Object({
  userId: Type.Integer(), name: Type.String(), role: Type.String(),
  /** target and met are null for a coordinator: only animators carry the monthly target. */
  contributions: Type.Object({ total: Count, target: Nullable(Count), families: Families, met: Nullable(Type.Boolean()) }),
  regularity: Type.Object({ activeWeeks: Count, target: Type.Number(), met: Type.Boolean() }),
  quality: Type.Object({
    answered: Count, answeredWithinDeadline: Count, share: Nullable(Type.Number()), medianSeconds: Nullable(Type.Integer()), met: Nullable(Type.Boolean()),
  }),
});

export const CoordinatorDashboard = Type.Object({
  month: Month,
  objectives: Type.Array(Type.Object({ ...Objective.properties, value: Nullable(Type.Number()), met: Nullable(Type.Boolean()) })),
  animators: Type.Array(AnimatorRow),
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

/** The client's names for what it sends and reads. */
export type AnimatorDashboard = Static<typeof AnimatorDashboard>;
export type FamilyFigure = AnimatorDashboard['families'][number];
export type TopPost = Static<typeof TopPost>;
export type TeamRow = Static<typeof TeamRow>;
export type Targets = Static<typeof TargetOut>;
export type TargetInput = Static<typeof TargetBody>;
export type CoordinatorDashboard = Static<typeof CoordinatorDashboard>;
/** An objective with its value in the month and whether it is met. */
export type Objective = CoordinatorDashboard['objectives'][number];
export type Objectives = Static<typeof ObjectivesOut>;
export type ObjectivesInput = Static<typeof ObjectivesBody>;
