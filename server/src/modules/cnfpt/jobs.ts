import type { AnyJobDefinition } from '../../jobs/runner.js';
import { pollDueCnfptSources } from './poller.js';

export const JOBS_CNFPT = { poll: 'cnfpt-poll-due' } as const;

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
];
