import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { run } from '../../db/query.js';
import type { AnyJobDefinition } from '../../jobs/runner.js';

export const ACCOUNT_JOBS = {
  purge: 'accounts-purge',
} as const;

/** Remembered browsers unused for this long are forgotten (the cookie itself lasts a year). */
const DEVICE_UNUSED_DAYS = 365;

/**
 * Deletes what no request can use any more: ended sessions (sliding or absolute end past), rate-limit counters
 * whose window is over (login delays included), browsers not seen for a year. In batches, so a large backlog
 * never holds long locks. Returns how many rows of each went.
 */
export async function purgeAccountLeftovers(db: Db, batchSize = 5_000): Promise<{ sessions: number; limits: number; devices: number }> {
  const batches = {
    sessions: sql`DELETE FROM sessions WHERE token_hash IN (
                 SELECT token_hash FROM sessions WHERE expires_at <= now() OR absolute_expires_at <= now() LIMIT ${batchSize})`,
    limits: sql`DELETE FROM rate_limits WHERE key IN (SELECT key FROM rate_limits WHERE reset_at <= now() LIMIT ${batchSize})`,
    devices: sql`DELETE FROM known_devices WHERE (token_hash, user_id) IN (
                SELECT token_hash, user_id FROM known_devices
                 WHERE last_used_at <= now() - make_interval(days => ${sql.raw(String(DEVICE_UNUSED_DAYS))}) LIMIT ${batchSize})`,
  };
  const counts = { sessions: 0, limits: 0, devices: 0 };
  for (const [what, query] of Object.entries(batches) as [keyof typeof counts, SQL][]) {
    for (;;) {
      const n = await run(db, query);
      counts[what] += n;
      if (n < batchSize) break;
    }
  }
  return counts;
}

export const accountJobs: AnyJobDefinition[] = [
  {
    // Hourly: nothing here is read once ended (every read checks the end), so this only keeps tables small.
    name: ACCOUNT_JOBS.purge,
    cron: '41 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const n = await purgeAccountLeftovers(ctx.db);
      if (n.sessions + n.limits + n.devices > 0) {
        ctx.log(`comptes : ${n.sessions} session(s) terminée(s), ${n.limits} compteur(s) de limite échu(s), ${n.devices} appareil(s) oublié(s) supprimé(s).`);
      }
    },
  },
];
