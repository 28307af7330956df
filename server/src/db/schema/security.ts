import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Security events nobody signed in caused (a forged or replayed ProConnect callback, an access refused by the
 * filter). The moderation audit needs an actor, these have none. Deliberately no IP address, no token and no
 * personal data: the kind, the stable error code and the time are enough to see an attack or a misconfiguration.
 */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** What happened, e.g. `oidc-callback-refused`. */
    kind: text('kind').notNull(),
    /** The stable error code the person was shown, e.g. `OIDC_STATE_MISMATCH`. */
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('security_events_created_idx').on(t.createdAt.desc(), t.id.desc())],
);
