import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of private messages (conversations, reports and their review, blocking): the only definition of
 * their shapes. The server validates with them, the web client reads their types.
 */

const date = Type.String({ format: 'date-time' });
const body = Type.String({ minLength: 1, maxLength: LIMITS.messageBody, pattern: '\\S' });

export const Person = Type.Object({ id: Type.Integer(), firstName: Type.String(), lastName: Type.String() });

export const StartBody = Type.Object({
  /** The other people (the author is added); one person opens or reuses a direct conversation. */
  memberIds: Type.Array(Id, { minItems: 1, maxItems: LIMITS.conversationMembersMax * 2 }),
  title: Type.Optional(Type.String({ maxLength: LIMITS.conversationTitle })),
  body,
}, { additionalProperties: false });

export const SendBody = Type.Object({ body }, { additionalProperties: false });

export const Message = Type.Object({
  id: Type.Integer(),
  authorId: Type.Integer(),
  /** 'system': a change of the group told by the server (body in French, author = who made it). */
  kind: Type.Union([Type.Literal('text'), Type.Literal('system')]),
  /** Empty once removed by the national team. */
  body: Type.String(),
  removed: Type.Boolean(),
  createdAt: date,
});

export const ConversationSummary = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  title: Type.String(),
  participants: Type.Array(Person),
  lastMessage: Type.Union([Type.Object({ authorId: Type.Integer(), kind: Type.Union([Type.Literal('text'), Type.Literal('system')]), excerpt: Type.String(), createdAt: date }), Type.Null()]),
  unreadCount: Type.Integer(),
  lastMessageAt: date,
});

export const ConversationView = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  title: Type.String(),
  participants: Type.Array(Person),
  unreadCount: Type.Integer(),
  /** Newest first; older ones through /conversations/:id/messages with `nextCursor`. */
  messages: Type.Array(Message),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  can: Type.Object({ send: Type.Boolean(), addParticipants: Type.Boolean(), rename: Type.Boolean(), leave: Type.Boolean() }),
});

export const AddParticipantsBody = Type.Object({
  memberIds: Type.Array(Id, { minItems: 1, maxItems: LIMITS.conversationMembersMax }),
}, { additionalProperties: false });

export const ParticipantsAdded = Type.Object({ added: Type.Array(Person), message: Message });

export const RenameBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: LIMITS.conversationTitle, pattern: '\\S' }),
}, { additionalProperties: false });

export const Renamed = Type.Object({ title: Type.String(), message: Type.Union([Message, Type.Null()]) });

export const Started = Type.Object({ conversationId: Type.Integer(), message: Message });
export const Unread = Type.Object({ unread: Type.Integer() });
export const BlockState = Type.Object({ blocked: Type.Boolean() });

export const ReportBody = Type.Object({
  reasonCode: Type.String({ minLength: 1, maxLength: 60 }),
  comment: Type.Optional(Type.String({ maxLength: LIMITS.messageReportComment })),
}, { additionalProperties: false });

export const ReportedMessage = Type.Object({
  message: Type.Object({ id: Type.Integer(), conversationId: Type.Integer(), body: Type.String(), createdAt: date, removed: Type.Boolean() }),
  author: Person,
  reports: Type.Array(Type.Object({
    reporter: Person, reasonCode: Type.String(), reasonLabel: Type.String(), comment: Type.String(), createdAt: date,
  })),
  oldestReportAt: date,
  /** Whether the reader may decide on it: not on their own message nor on another national team member's. */
  can: Type.Object({ decide: Type.Boolean() }),
});

export const ReportActionBody = Type.Object({
  action: Type.Union([Type.Literal('keep'), Type.Literal('remove')]),
  reasonCode: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  message: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

export const ReportActionResult = Type.Object({ auditId: Type.Integer(), handledReports: Type.Integer() });

export const ConversationSummaryPage = Page(ConversationSummary);
export const MessagePage = Page(Message);
export const ReportedMessagePage = Page(ReportedMessage);

/** The client's names for what it sends and reads. */
export type Person = Static<typeof Person>;
export type Message = Static<typeof Message>;
export type ConversationSummary = Static<typeof ConversationSummary>;
export type ConversationSummaryPage = Static<typeof ConversationSummaryPage>;
export type Conversation = Static<typeof ConversationView>;
export type MessagePage = Static<typeof MessagePage>;
export type StartInput = Static<typeof StartBody>;
export type Started = Static<typeof Started>;
export type ParticipantsAdded = Static<typeof ParticipantsAdded>;
export type Renamed = Static<typeof Renamed>;
export type Unread = Static<typeof Unread>;
export type BlockState = Static<typeof BlockState>;
export type ReportedMessage = Static<typeof ReportedMessage>;
export type ReportedMessagePage = Static<typeof ReportedMessagePage>;
