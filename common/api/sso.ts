import { Type, type Static } from 'typebox';
import { SignedIn } from './accounts.js';
import { SecondFactorPending } from './mfa.js';
import { Page } from './shared.js';

/**
 * Route schemas of the ProConnect sign-in (providers, first sign-up, linking to an existing account, the security
 * journal): the only definition of their shapes. The server validates with them, the web client reads their types.
 */

export const Providers = Type.Object({
  proconnect: Type.Union([Type.Object({
    label: Type.String(),
    /** The access filter, stated on the refusal page (empty lists: no filter). */
    allowedDomains: Type.Array(Type.String()), allowedSirets: Type.Array(Type.String()),
  }), Type.Null()]),
});

export const StartQuery = Type.Object({ suite: Type.Optional(Type.String({ maxLength: 500 })), confirmation: Type.Optional(Type.Literal('1')) });

export const ProConnectIdentity = Type.Object({
  email: Type.String(), firstName: Type.String(), lastName: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()]), siret: Type.Union([Type.String(), Type.Null()]),
  /** An account already uses this address: the person confirms with its password to link it. */
  existingAccount: Type.Boolean(),
});

export const SignupBody = Type.Object({ acceptCgu: Type.Literal(true) }, { additionalProperties: false });

/** Signed in, and where to go next. */
export const Linked = Type.Intersect([SignedIn, Type.Object({ next: Type.String() })]);
/** Linked and signed in, or the second factor comes next. */
export const LinkResult = Type.Union([Linked, SecondFactorPending]);

export const LinkBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const LinkCodeSent = Type.Object({ expiresInMinutes: Type.Integer() });
export const LinkByCodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });

export const SecurityEvent = Type.Object({ id: Type.Integer(), createdAt: Type.String(), kind: Type.String(), code: Type.String() });
export const SecurityEventPage = Page(SecurityEvent);

/** The client's names for what it sends and reads. */
export type Providers = Static<typeof Providers>;
export type ProConnectIdentity = Static<typeof ProConnectIdentity>;
export type Linked = Static<typeof Linked>;
export type LinkResult = Static<typeof LinkResult>;
export type LinkCodeSent = Static<typeof LinkCodeSent>;
export type SecurityEvent = Static<typeof SecurityEvent>;
export type SecurityEventPage = Static<typeof SecurityEventPage>;
