import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/**
 * A person's authenticator app (TOTP, RFC 6238). The shared secret is stored encrypted with a key derived
 * from APP_SECRET (mfa/crypto.ts) and never sent back once enrolment is confirmed. Until `confirmed_at`,
 * the row is an enrolment in progress that does not count as a factor.
 */
export const mfaTotp = pgTable('mfa_totp', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last 30-second step whose code was accepted: a code is accepted once, and never an older one after it. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Ten single-use recovery codes per person, stored as SHA-256 hashes (80 random bits each). */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
);

/** Passkeys (WebAuthn credentials) registered as a second factor, named by their owner. */
export const mfaPasskeys = pgTable(
  'mfa_passkeys',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id, base64url, as the browser sends it back. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mfa_passkeys_credential_key').on(t.credentialId), index('mfa_passkeys_user_idx').on(t.userId, t.id)],
);

/**
 * A sign-in waiting for its second factor (or, after the grace period, for the enrolment of one): the password
 * (or ProConnect) step succeeded but no session exists yet. Bound to the browser by an HttpOnly cookie holding
 * the random id whose hash is the key; short-lived.
 */
export const mfaPendingSignIns = pgTable(
  'mfa_pending_sign_ins',
  {
    idHash: text('id_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** 'verify': a factor is asked; 'enrol': the grace period is over and the person must enrol one. */
    step: text('step').notNull(),
    /** 'password' or 'proconnect' (the ProConnect id_token is kept to end that session at logout). */
    method: text('method').notNull(),
    idToken: text('id_token'),
    next: text('next').notNull().default('/'),
    /** The browser was not known to the account at the first step: announced by e-mail once the sign-in completes. */
    newDevice: boolean('new_device').notNull().default(false),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mfa_pending_sign_ins_expires_idx').on(t.expiresAt)],
);

/**
 * WebAuthn challenges in flight, one per owner (a session's token hash or a pending sign-in's id hash, with
 * a prefix), so each registration or assertion answers the challenge this server issued, once.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    owner: text('owner').primaryKey(),
    challenge: text('challenge').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);
