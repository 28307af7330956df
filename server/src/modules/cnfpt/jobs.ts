import type { AnyJobDefinition } from '../../jobs/runner.js';
import { pollDueCnfptSources } from './poller.js';
import { purgeCnfptItems } from './purge.js';

export const JOBS_CNFPT = { poll: 'cnfpt-poll-due', purge: 'cnfpt-purge' } as const;

/** Used when a job runs without a configuration (tests): the veille's retention, loadConfig's default. */
const DEFAULT_RETENTION_DAYS = 90;

/** Listed in server/src/jobs/definitions.ts. */
export const cnfptJobs: AnyJobDefinition[] = [
  {
    // Idempotent: items already stored are ignored on insert.
    name: JOBS_CNFPT.poll,
    cron: '*/5 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const r = await pollDueCnfptSources(ctx.db, { allowLoopback: ctx.config?.veilleAllowLoopback ?? false });
      if (r.polled > 0) ctx.log(`ressources CNFPT : ${r.polled} source(s) relevée(s), ${r.added} ressource(s) nouvelle(s), ${r.failed} en échec.`);
    },
  },
  {
    // Daily, at night, after the veille's purge. Idempotent (see purge.ts).
    name: JOBS_CNFPT.purge,
    cron: '50 3 * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const days = ctx.config?.veilleRetentionDays ?? DEFAULT_RETENTION_DAYS;
      const r = await purgeCnfptItems(ctx.db, { retentionDays: days });
      if (r.deleted > 0) ctx.log(`ressources CNFPT : ${r.deleted} ressource(s) jamais mise(s) en avant, de plus de ${days} jours, supprimée(s).`);
    },
  },
];
