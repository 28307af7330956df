import type { AnyJobDefinition } from '../../jobs/runner.js';
import { fanOutEvent, fanOutPending } from './service.js';

export const JOBS_NOTIFICATIONS = {
  fanOut: 'notifications-fan-out',
  fanOutPending: 'notifications-fan-out-pending',
} as const;

/** Listed in server/src/jobs/definitions.ts. Both idempotent: the event row remembers its progress. */
export const notificationJobs: AnyJobDefinition[] = [
  {
    name: JOBS_NOTIFICATIONS.fanOut,
    policy: 'stately',
    handler: async (data: { eventId: number }, ctx) => {
      const n = await fanOutEvent(ctx.db, data.eventId);
      if (n > 0) ctx.log(`notifications : ${n} abonné(s) prévenu(s) (événement ${data.eventId}).`);
    },
  },
  {
    // Safety net for a wake-up lost while no web instance was listening.
    name: JOBS_NOTIFICATIONS.fanOutPending,
    cron: '* * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const n = await fanOutPending(ctx.db);
      if (n > 0) ctx.log(`notifications : ${n} notification(s) en retard diffusée(s).`);
    },
  },
];
