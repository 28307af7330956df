import type { AnyJobDefinition } from '../../jobs/runner.js';
import { refreshRollups } from './rollups.js';
import { openLaunchedCommunities } from './wizard.js';

export const NATIONAL_JOBS = {
  refreshRollups: 'refresh-national-rollups',
  openLaunched: 'open-launched-communities',
} as const;

export const nationalJobs: AnyJobDefinition[] = [
  {
    // Rewrites the rollups whole: running twice gives the same tables.
    name: NATIONAL_JOBS.refreshRollups,
    cron: '*/10 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const at = await refreshRollups(ctx.db);
      ctx.log(`indicateurs nationaux recalculés (${at.toISOString()}).`);
    },
  },
  {
    // Hourly is enough for a launch date (a day); the update only touches drafts whose date has come.
    name: NATIONAL_JOBS.openLaunched,
    cron: '5 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const opened = await openLaunchedCommunities(ctx.db);
      if (opened.length > 0) ctx.log(`e-communauté(s) ouverte(s) à leur date de lancement : ${opened.join(', ')}.`);
    },
  },
];
