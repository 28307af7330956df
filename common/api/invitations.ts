import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of invitations: the only definition of their request and response shapes. The server
 * validates with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
const UserRef = Type.Object({ id: Id, firstName: Type.String(), lastName: Type.String() });

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });
export const TokenParam = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });

export const InviteByEmailBody = Type.Object(
  {
    emails: Type.Array(Type.String({ format: 'email', maxLength: LIMITS.email }), { minItems: 1, maxItems: LIMITS.invitationEmailsPerRequest }),
    message: Type.Optional(Type.String({ maxLength: LIMITS.invitationMessage })),
  },
  { additionalProperties: false },
);

export const InviteOutcome = Type.Object({
  email: Type.String(),
  outcome: Type.Union([Type.Literal('sent'), Type.Literal('already_member'), Type.Literal('already_invited')]),
  message: Type.String(),
});
export const InviteResults = Type.Object({ results: Type.Array(InviteOutcome) });

export const InvitationStatus = Type.Union([
  Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('expired'), Type.Literal('revoked'),
]);

export const Invitation = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('email'), Type.Literal('link')]),
  /** The invited address while the invitation waits; null for a link and once accepted (the member is shown). */
  email: Type.Union([Type.String(), Type.Null()]),
  /** Who accepted a personal invitation. */
  member: Type.Union([UserRef, Type.Null()]),
  inviter: UserRef,
  status: InvitationStatus,
  acceptedCount: Type.Integer(),
  createdAt: DateTime,
  expiresAt: DateTime,
  can: Type.Object({ revoke: Type.Boolean() }),
});

/** A new shareable link: its address is shown once, at creation (only its hash is kept). */
export const CreatedLink = Type.Object({ invitation: Invitation, url: Type.String() });

export const InvitationPreview = Type.Object({
  community: Type.Object({ id: Id, slug: Type.String(), name: Type.String(), description: Type.String() }),
  inviter: Type.Object({ firstName: Type.String(), lastName: Type.String() }),
  kind: Type.Union([Type.Literal('email'), Type.Literal('link')]),
  /** The invited address (personal invitations), to prefill the sign-up form. */
  email: Type.Union([Type.String(), Type.Null()]),
  expiresAt: DateTime,
  /** Whether the signed-in visitor already belongs to the community. */
  alreadyMember: Type.Boolean(),
});

export const Accepted = Type.Object({
  /** 'joined': member now; 'pending_verification': joins once the address is confirmed. */
  status: Type.Union([Type.Literal('joined'), Type.Literal('pending_verification')]),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
});

const Figures = Type.Object({ sent: Type.Integer(), accepted: Type.Integer(), joined: Type.Integer() });
export const InvitationStats = Type.Object({
  totals: Figures,
  byInviter: Type.Array(Type.Object({ inviter: UserRef, role: Type.Union([Type.String(), Type.Null()]), ...Figures.properties })),
});

export const InvitationPage = Page(Invitation);

/** The client's names for what it sends and reads. */
export type Invitation = Static<typeof Invitation>;
export type InvitationPage = Static<typeof InvitationPage>;
export type InviteOutcome = Static<typeof InviteOutcome>;
export type InviteResults = Static<typeof InviteResults>;
export type InviteInput = Static<typeof InviteByEmailBody>;
export type CreatedLink = Static<typeof CreatedLink>;
export type InvitationPreview = Static<typeof InvitationPreview>;
export type InvitationStats = Static<typeof InvitationStats>;
export type Accepted = Static<typeof Accepted>;
