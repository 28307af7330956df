import type { JobDefinition } from '../../jobs/runner.js';
import { pollDueSources } from './poller.js';

export const JOBS_VEILLE = { poll: 'veille-poll-due' } as const;

/** Listed in server/src/jobs/definitions.ts. Idempotent: items already stored are ignored on insert. */
export const veilleJobs: JobDefinition<any>[] = [
  {
    name: JOBS_VEILLE.poll,
    cron: '*/5 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const r = await pollDueSources(ctx.db, { allowLoopback: ctx.config?.veilleAllowLoopback ?? false });
      if (r.polled > 0) ctx.log(`veille : ${r.polled} source(s) relevée(s), ${r.added} article(s) nouveau(x), ${r.failed} en échec.`);
    },
  },
];
