import type { AnyJobDefinition } from '../../jobs/runner.js';
import { pollDueSources } from './poller.js';
import { purgeVeilleItems } from './purge.js';

export const JOBS_VEILLE = { poll: 'veille-poll-due', purge: 'veille-purge' } as const;

/** Used when a job runs without a configuration (tests); loadConfig's default. */
const DEFAULT_RETENTION_DAYS = 90;

/** Listed in server/src/jobs/definitions.ts. */
export const veilleJobs: AnyJobDefinition[] = [
  {
    // Idempotent: items already stored are ignored on insert.
    name: JOBS_VEILLE.poll,
    cron: '*/5 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const r = await pollDueSources(ctx.db, { allowLoopback: ctx.config?.veilleAllowLoopback ?? false });
      if (r.polled > 0) ctx.log(`veille : ${r.polled} source(s) relevée(s), ${r.added} article(s) nouveau(x), ${r.failed} en échec.`);
    },
  },
  {
    // Daily, at night. Idempotent and safe with two workers (see purge.ts); a missed run is caught up by the next.
    name: JOBS_VEILLE.purge,
    cron: '40 3 * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const r = await purgeVeilleItems(ctx.db, { retentionDays: ctx.config?.veilleRetentionDays ?? DEFAULT_RETENTION_DAYS });
      if (r.deleted > 0) ctx.log(`veille : ${r.deleted} article(s) écarté(s) ou non traité(s) de plus de ${ctx.config?.veilleRetentionDays ?? DEFAULT_RETENTION_DAYS} jours supprimé(s).`);
    },
  },
];
