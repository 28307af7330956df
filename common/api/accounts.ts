import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Page } from './shared.js';

/**
 * Route schemas of accounts (sign-up, sign-in, session, profile, member search): the only definition of their
 * shapes. The server validates with them, the web client reads their types.
 */

/**
 * French département codes: metropolitan 01–95 (no 20, Corsica is 2A/2B),
 * overseas départements 971–976 and collectivities 977, 978, 986–988.
 */
export const DEPARTEMENT_PATTERN = '^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-8]|98[6-8])$';

// A name must contain something other than spaces.
const name = Type.String({ minLength: 1, maxLength: LIMITS.personName, pattern: '\\S' });
const email = Type.String({ format: 'email', maxLength: LIMITS.email });
// The minimum length is checked by the service, to answer with WEAK_PASSWORD.
const password = Type.String({ minLength: 1, maxLength: LIMITS.passwordMax });
const token = Type.String({ minLength: 10, maxLength: 100 });

export const RegisterBody = Type.Object(
  {
    email,
    password,
    firstName: name,
    lastName: name,
    employer: Type.String({ minLength: 1, maxLength: LIMITS.employer, pattern: '\\S' }),
    job: Type.String({ minLength: 1, maxLength: LIMITS.job, pattern: '\\S' }),
    departement: Type.String({ pattern: DEPARTEMENT_PATTERN, maxLength: LIMITS.departement }),
    acceptCgu: Type.Literal(true),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: LIMITS.email }), password }, { additionalProperties: false });
export const TokenBody = Type.Object({ token }, { additionalProperties: false });
export const ResetRequestBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: LIMITS.email }) }, { additionalProperties: false });
export const ResetConfirmBody = Type.Object({ token, password }, { additionalProperties: false });
/** A proof of identity for sensitive actions by password; the mfa module takes a second factor instead. */
export const ReauthBody = Type.Object({ password }, { additionalProperties: false });
export const ChangePasswordBody = Type.Object({ currentPassword: password, newPassword: password }, { additionalProperties: false });

export const ProfileBody = Type.Object(
  {
    firstName: Type.Optional(name),
    lastName: Type.Optional(name),
    employer: Type.Optional(Type.String({ maxLength: LIMITS.employer })),
    job: Type.Optional(Type.String({ maxLength: LIMITS.job })),
    departement: Type.Optional(Type.String({ pattern: DEPARTEMENT_PATTERN, maxLength: LIMITS.departement })),
    bio: Type.Optional(Type.String({ maxLength: LIMITS.bio })),
  },
  { additionalProperties: false },
);

export const UserSearchQuery = Type.Object({
  q: Type.String({ minLength: 2, maxLength: LIMITS.personName }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

const date = Type.String({ format: 'date-time' });

export const UserSelf = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  employer: Type.String(),
  job: Type.String(),
  departement: Type.String(),
  bio: Type.String(),
  nationalRole: Type.Union([Type.Literal('admin'), Type.Null()]),
  emailVerified: Type.Boolean(),
  createdAt: date,
});

export const Membership = Type.Object({
  community: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
  role: Type.Union([Type.Literal('member'), Type.Literal('animator'), Type.Literal('coordinator')]),
});

export const Me = Type.Object({ ...UserSelf.properties, memberships: Type.Array(Membership) });

/** endSessionUrl: where to send the browser so the ProConnect session ends too (absent for a password session). */
export const LogoutResult = Type.Object({ ok: Type.Literal(true), endSessionUrl: Type.Optional(Type.String()) });
export const SignedIn = Type.Object({ user: UserSelf, csrfToken: Type.String() });
export const SessionState = Type.Object({
  user: Type.Union([UserSelf, Type.Null()]),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  /** A newer CGU version the member must accept before writing again (privacy module), or null. */
  cguToAccept: Type.Optional(Type.Union([Type.Object({ version: Type.Integer(), title: Type.String() }), Type.Null()])),
});

/** GET /auth/reauth/methods: how the member may confirm their identity before a sensitive action. */
export const ReauthMethods = Type.Object({ password: Type.Boolean(), proconnect: Type.Boolean() });

export const PublicProfile = Type.Object({
  id: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  employer: Type.String(),
  job: Type.String(),
  departement: Type.String(),
  bio: Type.String(),
  createdAt: date,
  memberships: Type.Array(Membership),
  can: Type.Object({ edit: Type.Boolean() }),
});

export const UserHit = Type.Object({
  id: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  employer: Type.String(),
  job: Type.String(),
});

export const UserHitPage = Page(UserHit);

/** The client's names for what it sends and reads. */
export type RegisterInput = Static<typeof RegisterBody>;
export type LoginInput = Static<typeof LoginBody>;
export type ResetConfirmInput = Static<typeof ResetConfirmBody>;
export type ChangePasswordInput = Static<typeof ChangePasswordBody>;
export type ProfileInput = Static<typeof ProfileBody>;
export type UserSelf = Static<typeof UserSelf>;
export type Membership = Static<typeof Membership>;
export type Me = Static<typeof Me>;
export type LogoutResult = Static<typeof LogoutResult>;
export type SignedIn = Static<typeof SignedIn>;
export type Session = Static<typeof SessionState>;
export type ReauthMethods = Static<typeof ReauthMethods>;
export type PublicProfile = Static<typeof PublicProfile>;
export type UserHit = Static<typeof UserHit>;
export type UserHitPage = Static<typeof UserHitPage>;
