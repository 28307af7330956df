import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sessions, users } from './accounts.js';

/**
 * A member's ProConnect identity. ProConnect's `sub` is unique per identity provider, so the pair
 * (sub, idp_id) is the key; the e-mail is never used to find the account again.
 */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    sub: text('sub').notNull(),
    idpId: text('idp_id').notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Employer as ProConnect last told it (the member's own `employer` field stays theirs to edit). */
    siret: text('siret'),
    organisation: text('organisation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sub, t.idpId] }), index('oidc_identities_user_idx').on(t.userId)],
);

/**
 * One sign-in in progress, bound to the browser by an HttpOnly cookie holding the random id whose hash
 * is the key. Holds the PKCE verifier, state and nonce until the callback (deleted as it is read, so a
 * callback works once), then, for a first sign-in, the verified claims until the CGU are accepted.
 */
export const oidcFlows = pgTable(
  'oidc_flows',
  {
    idHash: text('id_hash').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Path to open after sign-in (same-site only). */
    next: text('next').notNull().default('/'),
    /** Set once the provider answered, for a person without an account yet. */
    claims: jsonb('claims'),
    idToken: text('id_token'),
    /**
     * A code e-mailed to the account that has the held address, typed instead of its password to link it.
     * Only its hash is kept; a new code replaces the previous one; each try counts, right or wrong.
     */
    linkCodeHash: text('link_code_hash'),
    linkCodeExpiresAt: timestamp('link_code_expires_at', { withTimezone: true }),
    linkCodeAttempts: integer('link_code_attempts').notNull().default(0),
    /**
     * 'reauth': a signed-in person proving who they are again before a sensitive action (plugins/reauth.ts);
     * the callback then refreshes the current session instead of opening one.
     */
    purpose: text('purpose').notNull().default('sign-in'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_flows_expires_idx').on(t.expiresAt)],
);

/** The id_token of a session opened through ProConnect, needed to end the ProConnect session at logout. */
export const oidcSessions = pgTable('oidc_sessions', {
  sessionTokenHash: text('session_token_hash').primaryKey().references(() => sessions.tokenHash, { onDelete: 'cascade' }),
  idToken: text('id_token').notNull(),
});
