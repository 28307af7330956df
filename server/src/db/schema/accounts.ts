import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Case-insensitive text (extension citext), used for e-mail addresses. */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const nationalRole = pgEnum('national_role', ['admin']);

export const users = pgTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    email: citext('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    employer: text('employer').notNull().default(''),
    job: text('job').notNull().default(''),
    departement: text('departement').notNull().default(''),
    bio: text('bio').notNull().default(''),
    /** National steering role; community roles live in memberships. */
    nationalRole: nationalRole('national_role'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Banned from the whole network by the national administrator: cannot sign in. */
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    bannedReason: text('banned_reason'),
    /**
     * Set for accounts brought in by an import (exchange bundle or CSV list) rather than registered here: they have
     * no usable password until the member activates the account (first-sign-in link or ProConnect, member-import).
     */
    importedAt: timestamp('imported_at', { withTimezone: true }),
    /**
     * A shared account of the demo network (seed/demo.ts sets it, no route ever does): exempt from the second
     * factor, so `npm start` stays a two-command trial, and never enrolled (one visitor must not lock out the next).
     */
    demoAccount: boolean('demo_account').notNull().default(false),
    /** When a person who must use a second factor was first offered to enrol (start of the grace period; mfa module). */
    mfaGraceStartedAt: timestamp('mfa_grace_started_at', { withTimezone: true }),
    /**
     * Hash of the secret in the member's private feed addresses (« mon agenda » .ics, Atom of my communities):
     * calendar applications and feed readers send no cookie, so the URL itself is the credential. Only the hash
     * is kept (the address is shown once, when made); « régénérer » replaces it, revoking clears it.
     */
    feedTokenHash: text('feed_token_hash'),
    feedTokenCreatedAt: timestamp('feed_token_created_at', { withTimezone: true }),
    /**
     * Lowercase unaccented keys of the name ("first last", and "last first" for the alphabetical order),
     * job and employer, stored so that searches compare plain columns: the unaccent wrapper is a SQL
     * function PostgreSQL cannot inline, and calling it on every candidate row cost tens of milliseconds.
     */
    nameKey: text('name_key').notNull().generatedAlwaysAs(sql`immutable_unaccent(lower(first_name || ' ' || last_name))`),
    sortKey: text('sort_key').notNull().generatedAlwaysAs(sql`immutable_unaccent(lower(last_name || ' ' || first_name))`),
    jobKey: text('job_key').notNull().generatedAlwaysAs(sql`immutable_unaccent(lower(job))`),
    employerKey: text('employer_key').notNull().generatedAlwaysAs(sql`immutable_unaccent(lower(employer))`),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    // Name search for pickers (appointing coordinators/animators) and the directory: trigram on the key.
    index('users_name_trgm').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    // Member directory (directory module): alphabetical keyset walk, per département, and the
    // accent-insensitive job and employer filters. Only members who can still be reached.
    index('users_directory_sort_idx').on(t.sortKey, t.id).where(sql`${t.deletedAt} IS NULL AND ${t.bannedAt} IS NULL`),
    index('users_directory_departement_idx').on(t.departement, t.sortKey, t.id)
      .where(sql`${t.deletedAt} IS NULL AND ${t.bannedAt} IS NULL`),
    // With the département in the same GIN index (btree_gin), a job or employer searched within a region
    // intersects both inside the index instead of reading every member who has that job.
    index('users_job_trgm').using('gin', sql`${t.jobKey} gin_trgm_ops`, t.departement),
    index('users_employer_trgm').using('gin', sql`${t.employerKey} gin_trgm_ops`, t.departement),
    // The sign-in page lists the demo accounts (a handful) without reading the whole table.
    index('users_demo_account_idx').on(t.id).where(sql`${t.demoAccount}`),
    // A private feed request finds its owner by the hash alone.
    uniqueIndex('users_feed_token_key').on(t.feedTokenHash).where(sql`${t.feedTokenHash} IS NOT NULL`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not leak sessions. */
    tokenHash: text('token_hash').primaryKey(),
    /** What « Mes appareils » names a session by: the token hash never leaves the server. */
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Sliding end, pushed forward as the session is used (plugins/session.ts). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Absolute end (SESSION_MAX_DAYS after sign-in): however active, a session never outlives it. */
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull()
      .default(sql`now() + interval '30 days'`),
    /**
     * Last time the person proved who they are in this session (sign-in, password re-entered, second
     * factor): sensitive staff actions require it to be recent (plugins/reauth.ts).
     */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
    userAgent: text('user_agent').notNull().default(''),
    /** How the session was opened, shown in « Mes appareils » (common/sessions.ts: SIGN_IN_METHODS). */
    signInMethod: text('sign_in_method').notNull().default('password'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Browsers where a member signed in successfully (remembered-device cookie): the per-account login
 * delays never apply to them, so an attacker's failures elsewhere cannot lock the owner out.
 * One browser token may be remembered for several accounts (a shared office computer).
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    /** SHA-256 of the cookie token, as for sessions. */
    tokenHash: text('token_hash').notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.userId] }), index('known_devices_user_idx').on(t.userId, t.lastUsedAt)],
);

export const emailTokenKind = pgEnum('email_token_kind', ['verify_email', 'reset_password', 'activate_account']);

export const emailTokens = pgTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: emailTokenKind('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('email_tokens_user_idx').on(t.userId, t.kind),
    // The nightly retention purge (privacy/retention.ts) takes links expired long ago.
    index('email_tokens_expires_idx').on(t.expiresAt),
  ],
);

/** Fixed-window counters for rate limits, shared by every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: bigint('count', { mode: 'number' }).notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** 'outbox' when no SMTP is configured, 'sent' or 'failed' otherwise. */
    status: text('status').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_outbox_created_idx').on(t.createdAt.desc(), t.id.desc()),
    // A member's mails, for their data export and their account deletion (privacy module).
    index('mail_outbox_to_idx').on(sql`lower(${t.toAddress})`),
  ],
);

