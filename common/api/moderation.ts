import { Type, type Static } from 'typebox';
import { CommunityRef, Id, Page, UserRef } from './shared.js';

/**
 * Route schemas of the moderation module: the only definition of its request and response shapes. The server
 * validates with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

export const MESSAGE_MAX = 2000;
export const FLAG_COMMENT_MAX = 1000;

// ---- Reasons ----
export const ReasonCode = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });

export const FlagReason = Type.Object({
  code: Type.String(),
  label: Type.String(),
  description: Type.String(),
  article: Type.String(),
  active: Type.Boolean(),
  position: Type.Integer(),
});
export type FlagReasonOut = Static<typeof FlagReason>;

const reasonFields = {
  label: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
  description: Type.String({ maxLength: 500 }),
  article: Type.String({ maxLength: 120 }),
  active: Type.Boolean(),
  position: Type.Integer({ minimum: 0, maximum: 1000 }),
};
export const CreateReasonBody = Type.Object({
  code: ReasonCode,
  label: reasonFields.label,
  description: Type.Optional(reasonFields.description),
  article: Type.Optional(reasonFields.article),
  active: Type.Optional(reasonFields.active),
  position: Type.Optional(reasonFields.position),
}, { additionalProperties: false });
export const EditReasonBody = Type.Partial(Type.Object(reasonFields), { additionalProperties: false });
export type CreateReasonInput = Static<typeof CreateReasonBody>;
export type EditReasonInput = Static<typeof EditReasonBody>;
export const ReasonList = Type.Object({ items: Type.Array(FlagReason) });
export const ReasonParam = Type.Object({ code: ReasonCode });
export const ReasonsQuery = Type.Object({ all: Type.Optional(Type.Boolean()) });

// ---- Flags ----
export const CreateFlagBody = Type.Object({
  reasonCode: ReasonCode,
  comment: Type.Optional(Type.String({ maxLength: FLAG_COMMENT_MAX })),
}, { additionalProperties: false });
export const FlagOut = Type.Object({ id: Id, reasonCode: Type.String(), createdAt: DateTime });

// ---- Queue ----
export const ItemType = Type.Union([Type.Literal('post'), Type.Literal('comment')]);
export type ItemTypeName = Static<typeof ItemType>;

export const ACTIONS = ['keep', 'hide', 'unhide', 'edit', 'anonymise', 'delete', 'warn', 'suspend', 'ban'] as const;
export type ModerationAction = (typeof ACTIONS)[number];
const ActionName = Type.Enum(ACTIONS);

export const QueueItem = Type.Object({
  type: ItemType,
  id: Id,
  postId: Id,
  community: CommunityRef,
  title: Type.String(),
  excerpt: Type.String(),
  bodyMd: Type.String(),
  link: Type.String(),
  createdAt: DateTime,
  hidden: Type.Boolean(),
  deleted: Type.Boolean(),
  moderated: Type.Boolean(),
  author: Type.Object({
    id: Id,
    firstName: Type.String(),
    lastName: Type.String(),
    postCount: Type.Integer(),
    commentCount: Type.Integer(),
    /** Earlier moderation actions against this author, by kind (keep and unhide excluded). */
    actions: Type.Record(Type.String(), Type.Integer()),
    suspendedUntil: NullableDateTime,
    banned: Type.Boolean(),
  }),
  flagCount: Type.Integer(),
  reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), article: Type.String(), count: Type.Integer() })),
  reporters: Type.Array(Type.Object({
    id: Id, firstName: Type.String(), lastName: Type.String(), reasonCode: Type.String(), comment: Type.String(), createdAt: DateTime,
  })),
  oldestFlagAt: DateTime,
  /** The decisions the current user may take on this item (rank, self, ban), whatever its state. */
  can: Type.Object({ actions: Type.Array(ActionName) }),
});
export type QueueItemOut = Static<typeof QueueItem>;
export const QueuePage = Page(QueueItem);

// ---- Actions ----

export const ItemParams = Type.Object({ type: ItemType, id: Id });
export const ActionBody = Type.Object({
  action: ActionName,
  reasonCode: Type.Optional(ReasonCode),
  message: Type.Optional(Type.String({ maxLength: MESSAGE_MAX })),
  /** The new body, for edit and anonymise. */
  body: Type.Optional(Type.String({ minLength: 1, maxLength: 50_000, pattern: '\\S' })),
  /** Length of a suspension, in days. */
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  /**
   * Set when acting from the review queue: the flags seen there must still be pending,
   * otherwise someone else handled them in the meantime (409 ALREADY_HANDLED).
   */
  fromQueue: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type ActionInput = Static<typeof ActionBody>;

export const ActionResult = Type.Object({
  auditId: Id,
  action: Type.String(),
  handledFlags: Type.Integer(),
});

// ---- Audit ----
export const AuditEntry = Type.Object({
  id: Id,
  createdAt: DateTime,
  community: Type.Union([CommunityRef, Type.Null()]),
  actor: UserRef,
  action: Type.String(),
  targetType: Type.String(),
  targetId: Id,
  targetUser: Type.Union([UserRef, Type.Null()]),
  reason: Type.Union([Type.Object({ code: Type.String(), label: Type.String(), article: Type.String() }), Type.Null()]),
  message: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditPage = Page(AuditEntry);

// ---- Figures ----
export const StatsQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
});
export const Stats = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  flagsReceived: Type.Integer(),
  flagsHandled: Type.Integer(),
  pending: Type.Integer(),
  medianHandleSeconds: Type.Union([Type.Number(), Type.Null()]),
  actions: Type.Array(Type.Object({ action: Type.String(), count: Type.Integer() })),
  /** Flags received and handled per Paris day, week (from Monday) or month of the period. */
  series: Type.Object({
    unit: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')]),
    buckets: Type.Array(Type.Object({ start: Type.String(), received: Type.Integer(), handled: Type.Integer() })),
  }),
});

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });

/** The client's names for what it sends and reads. */
export type FlagReason = FlagReasonOut;
export type ItemType = ItemTypeName;
export type QueueItem = QueueItemOut;
export type QueuePage = Static<typeof QueuePage>;
export type ReasonList = Static<typeof ReasonList>;
/**
 * Not only a ModerationAction: the log also holds the reasons list's changes and other modules' acts on
 * accounts (mfa_reset, hours_ceiling…).
 */
export type AuditEntry = Static<typeof AuditEntry>;
export type AuditPage = Static<typeof AuditPage>;
export type ModerationStats = Static<typeof Stats>;
export type ActionOutcome = Static<typeof ActionResult>;
export type FlagInput = Static<typeof CreateFlagBody>;
export type Flag = Static<typeof FlagOut>;
