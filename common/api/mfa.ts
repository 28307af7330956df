import { Type, type Static } from 'typebox';
import { SignedIn } from './accounts.js';

/**
 * Route schemas of the second factor (TOTP, passkeys, recovery codes, the sign-in's second step): the only
 * definition of their shapes. The server validates with them, the web client reads their types.
 */

/** Six digits from the app (spaces tolerated) or a recovery code `abcd-efgh-jkmn-pqrs`. */
const code = Type.String({ minLength: 6, maxLength: 40, pattern: '^[A-Za-z0-9 -]+$' });

export const CodeBody = Type.Object({ method: Type.Union([Type.Literal('totp'), Type.Literal('recovery')]), code }, { additionalProperties: false });
export const TotpCodeBody = Type.Object({ code }, { additionalProperties: false });

/** The password (or ProConnect) step succeeded: the second factor is asked, or must be enrolled first. */
export const SecondFactorPending = Type.Object({
  secondFactor: Type.Object({ step: Type.Union([Type.Literal('verify'), Type.Literal('enrol')]) }),
});

/** POST /auth/login: signed in, or the second factor comes next. */
export const SignInResult = Type.Union([SignedIn, SecondFactorPending]);

export const PendingState = Type.Object({
  step: Type.Union([Type.Literal('verify'), Type.Literal('enrol')]),
  methods: Type.Object({ totp: Type.Boolean(), passkey: Type.Boolean(), recovery: Type.Boolean() }),
});

export const TotpEnrolmentView = Type.Object({
  secret: Type.String(), uri: Type.String(), qrCode: Type.String(),
});

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Union([Type.Array(Type.String()), Type.Null()]) });

export const SignedInNext = Type.Intersect([SignedIn, Type.Object({ next: Type.String() })]);
export const SignedInEnrolled = Type.Intersect([SignedIn, Type.Object({ next: Type.String() }), RecoveryCodes]);

export const Passkey = Type.Object({
  id: Type.Integer(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

export const SecurityState = Type.Object({
  demoAccount: Type.Boolean(),
  /** Whether MFA_REQUIRED_FOR applies to this person. */
  required: Type.Boolean(),
  /** End of the grace period to enrol (null: not started, or not required). */
  graceEndsAt: Type.Union([Type.String(), Type.Null()]),
  totp: Type.Boolean(),
  passkeys: Type.Array(Passkey),
  recoveryCodesLeft: Type.Integer(),
});

export const PasskeyName = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' });
/** A WebAuthn answer as @simplewebauthn/browser sends it; the library checks its shape and content. */
export const WebAuthnResponse = Type.Object({
  id: Type.String({ maxLength: 2000 }),
  rawId: Type.String({ maxLength: 2000 }),
  type: Type.Literal('public-key'),
  response: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown()),
  clientExtensionResults: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Unknown())),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
}, { additionalProperties: false });
/** Options for navigator.credentials, built by @simplewebauthn/server: passed through to the browser library. */
export const WebAuthnOptions = Type.Record(Type.String(), Type.Unknown());

export const DemoAccounts = Type.Object({
  accounts: Type.Array(Type.Object({ email: Type.String(), role: Type.Union([Type.Literal('admin'), Type.Literal('coordinator'), Type.Literal('animator'), Type.Literal('member')]) })),
});

/** The client's names for what it sends and reads. */
export type SecondFactorPending = Static<typeof SecondFactorPending>;
export type SignInResult = Static<typeof SignInResult>;
export type CodeInput = Static<typeof CodeBody>;
export type CodeMethod = CodeInput['method'];
export type PendingSignIn = Static<typeof PendingState>;
export type TotpEnrolment = Static<typeof TotpEnrolmentView>;
export type RecoveryCodes = Static<typeof RecoveryCodes>;
export type SignedInNext = Static<typeof SignedInNext>;
export type SignedInEnrolled = Static<typeof SignedInEnrolled>;
export type SecurityState = Static<typeof SecurityState>;
export type DemoAccounts = Static<typeof DemoAccounts>;
