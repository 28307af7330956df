import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the member import (CSV lists, welcome campaign, activation): the only definition of their
 * shapes. The server validates with them, the web client reads their types.
 */

const slug = Type.String({ minLength: 1, maxLength: LIMITS.communitySlug });

/**
 * The file travels as text in JSON (the page reads it as UTF-8). Its size is checked by the service so that an
 * oversized list gets its own French 413; the route's body limit leaves room for JSON escaping.
 */
export const CsvBody = Type.Object(
  {
    csv: Type.String({ minLength: 1 }),
    /** Community of the lines whose « communauté » column is empty (or of every line, without that column). */
    community: Type.Optional(slug),
  },
  { additionalProperties: false },
);

const LineStatus = Type.Union([Type.Literal('new'), Type.Literal('existing'), Type.Literal('member'), Type.Literal('error')]);

export const Preview = Type.Object({
  lines: Type.Array(Type.Object({
    line: Type.Integer(),
    email: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    employer: Type.String(),
    community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
    status: LineStatus,
    messages: Type.Array(Type.String()),
  })),
  counts: Type.Object({ new: Type.Integer(), existing: Type.Integer(), member: Type.Integer(), error: Type.Integer() }),
});

export const ImportResult = Type.Object({
  /** Accounts pre-registered (welcome mail queued). */
  created: Type.Integer(),
  /** Memberships added (new and existing accounts). */
  added: Type.Integer(),
  /** Lines with nothing left to do (already members). */
  unchanged: Type.Integer(),
  /** Lines not imported. */
  errors: Type.Integer(),
});

export const ImportTargets = Type.Object({ items: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })) });

export const ActivateBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 100 }),
    // The minimum length is checked by the service, to answer with WEAK_PASSWORD.
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    acceptCgu: Type.Literal(true),
  },
  { additionalProperties: false },
);

const WelcomeStatus = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('activated'), Type.Literal('bounced')]);

export const CampaignState = Type.Object({
  counts: Type.Object({ queued: Type.Integer(), sent: Type.Integer(), activated: Type.Integer(), bounced: Type.Integer() }),
  paused: Type.Boolean(),
  perHour: Type.Integer(),
  sentLastHour: Type.Integer(),
});

export const PausedBody = Type.Object({ paused: Type.Boolean() }, { additionalProperties: false });

export const WelcomeQuery = Type.Object({
  status: Type.Optional(WelcomeStatus),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.email })),
  cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$', maxLength: 16 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

const Time = Type.Union([Type.String(), Type.Null()]);

export const WelcomeItem = Type.Object({
  userId: Id, email: Type.String(), firstName: Type.String(), lastName: Type.String(), status: WelcomeStatus,
  queuedAt: Type.String(), sentAt: Time, activatedAt: Time, bouncedAt: Time, error: Type.Union([Type.String(), Type.Null()]),
});

export const UserIdParam = Type.Object({ userId: Id });
export const ResendResult = Type.Object({ status: Type.Union([Type.Literal('sent'), Type.Literal('bounced')]) });
export const WelcomeItemPage = Page(WelcomeItem);

/** The client's names for what it sends and reads. */
export type CsvInput = Static<typeof CsvBody>;
export type Preview = Static<typeof Preview>;
export type PreviewLine = Preview['lines'][number];
export type LineStatus = Static<typeof LineStatus>;
export type ImportResult = Static<typeof ImportResult>;
export type ImportTargets = Static<typeof ImportTargets>;
export type ImportTarget = ImportTargets['items'][number];
export type WelcomeStatus = Static<typeof WelcomeStatus>;
export type CampaignState = Static<typeof CampaignState>;
export type WelcomeItem = Static<typeof WelcomeItem>;
export type WelcomeItemPage = Static<typeof WelcomeItemPage>;
export type ResendResult = Static<typeof ResendResult>;
export type ActivateInput = Static<typeof ActivateBody>;
