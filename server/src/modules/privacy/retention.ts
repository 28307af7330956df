import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { run } from '../../db/query.js';
import { PARIS } from '../../../../common/time/index.js';
import type { AnyJobDefinition } from '../../jobs/runner.js';

/**
 * How long personal data the platform collects by itself is kept. The processing register
 * (register/*.ts, rendered to docs/privacy.md) and the « Données personnelles » page quote these figures,
 * and the job below enforces them: change a figure here and the register test shows what to re-render.
 */
export const RETENTION = {
  /** member_activity_daily: the current Paris month and the twelve before it (the dashboards read 12 months). */
  activityMonths: 13,
  /** Notifications shown to a member, read or not. */
  notificationDays: 365,
  /** Fan-out progress of a notification event, once every subscriber was notified. */
  notificationEventDays: 30,
  /** Copies of e-mails sent (or kept in the outbox when no SMTP server is configured). */
  mailDays: 90,
  /** One-time e-mail links (confirmation, password reset), counted from their expiry. */
  emailTokenDays: 7,
} as const;

export const PRIVACY_JOBS = { retention: 'privacy-retention' } as const;

/** First day kept in member_activity_daily, as a SQL date expression. */
const FIRST_ACTIVITY_DAY = `(date_trunc('month', now() AT TIME ZONE '${PARIS}') - make_interval(months => ${RETENTION.activityMonths - 1}))::date`;

/** Each kind of data past its retention, one batch of at most `n` rows per statement. */
const BATCHES = {
  activity: (n: number): SQL => sql`DELETE FROM member_activity_daily WHERE (community_id, day, user_id) IN (
               SELECT community_id, day, user_id FROM member_activity_daily WHERE day < ${sql.raw(FIRST_ACTIVITY_DAY)} LIMIT ${n})`,
  notifications: (n: number): SQL => sql`DELETE FROM notifications WHERE id IN (
                    SELECT id FROM notifications WHERE created_at < now() - make_interval(days => ${sql.raw(String(RETENTION.notificationDays))}) LIMIT ${n})`,
  notificationEvents: (n: number): SQL => sql`DELETE FROM notification_events WHERE id IN (
                         SELECT id FROM notification_events
                          WHERE done_at IS NOT NULL AND done_at < now() - make_interval(days => ${sql.raw(String(RETENTION.notificationEventDays))}) LIMIT ${n})`,
  mails: (n: number): SQL => sql`DELETE FROM mail_outbox WHERE id IN (
            SELECT id FROM mail_outbox WHERE created_at < now() - make_interval(days => ${sql.raw(String(RETENTION.mailDays))}) LIMIT ${n})`,
  emailTokens: (n: number): SQL => sql`DELETE FROM email_tokens WHERE token_hash IN (
                  SELECT token_hash FROM email_tokens WHERE expires_at < now() - make_interval(days => ${sql.raw(String(RETENTION.emailTokenDays))}) LIMIT ${n})`,
};

export type RetentionCounts = Record<keyof typeof BATCHES, number>;

/**
 * Deletes what is past its retention, in bounded batches so a backlog (the first run on an old database)
 * never holds long locks. Idempotent: a second run finds nothing; safe with two workers (each batch is
 * one statement, a row deleted twice is simply not found).
 */
export async function purgeExpiredPersonalData(db: Db, batchSize = 5_000): Promise<RetentionCounts> {
  const counts = Object.fromEntries(Object.keys(BATCHES).map((k) => [k, 0])) as RetentionCounts;
  for (const [what, batch] of Object.entries(BATCHES) as [keyof RetentionCounts, (n: number) => SQL][]) {
    for (;;) {
      const n = await run(db, batch(batchSize));
      counts[what] += n;
      if (n < batchSize) break;
    }
  }
  return counts;
}

export const privacyJobs: AnyJobDefinition[] = [
  {
    // Nightly: durations are in days and months, an hour's delay changes nothing.
    name: PRIVACY_JOBS.retention,
    cron: '25 4 * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const n = await purgeExpiredPersonalData(ctx.db);
      const total = Object.values(n).reduce((a, b) => a + b, 0);
      if (total > 0) {
        ctx.log(`conservation : ${n.activity} jour(s) d’activité, ${n.notifications} notification(s), ${n.notificationEvents} événement(s) de notification, ${n.mails} courriel(s), ${n.emailTokens} lien(s) de courriel supprimé(s).`);
      }
    },
  },
];
