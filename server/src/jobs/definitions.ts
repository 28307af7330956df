import type { AnyJobDefinition } from './runner.js';
import { publishDuePlannedPosts, publishPlannedPost } from '../modules/calendar/service.js';
import { notificationJobs } from '../modules/notifications/jobs.js';
import { emailJobs } from '../modules/email-prefs/jobs.js';
import { reminderJobs } from '../modules/reminders/jobs.js';
import { veilleJobs } from '../modules/veille/jobs.js';
import { cnfptJobs } from '../modules/cnfpt/jobs.js';
import { nationalJobs } from '../modules/national/jobs.js';
import { purgeIdempotencyKeys } from '../plugins/idempotency.js';
import { accountJobs } from '../modules/accounts/jobs.js';
import { welcomeJobs } from '../modules/member-import/welcome.js';
import { privacyJobs } from '../modules/privacy/retention.js';

/**
 * Every background job of the platform, one entry each. Handlers must be idempotent.
 * Cron expressions are read in Europe/Paris.
 */

export const JOBS = {
  publishPlannedPost: 'publish-planned-post',
  publishDuePlannedPosts: 'publish-due-planned-posts',
  purgeIdempotencyKeys: 'idempotency-keys-purge',
} as const;

export const jobDefinitions: AnyJobDefinition[] = [
  {
    // Sent when a post is scheduled, to run at its time. Exactly once is guaranteed by the
    // conditional claim in publishPlannedPost, not by the queue (which may deliver twice).
    name: JOBS.publishPlannedPost,
    policy: 'stately',
    handler: async (data: { plannedPostId: number }, ctx) => {
      const postId = await publishPlannedPost(ctx.db, data.plannedPostId);
      if (postId !== null) ctx.log(`publication programmée ${data.plannedPostId} publiée (publication ${postId}).`);
    },
  },
  {
    // Safety net: a job lost, a worker down at the time, a post rescheduled earlier.
    name: JOBS.publishDuePlannedPosts,
    cron: '* * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const n = await publishDuePlannedPosts(ctx.db, ctx.log);
      if (n > 0) ctx.log(`${n} publication(s) programmée(s) en retard publiée(s).`);
    },
  },
  {
    // Answers kept for Idempotency-Key retries live 24 hours (plugins/idempotency.ts ignores older ones);
    // hourly keeps the table at about one day of writes. Idempotent: deleting again finds nothing.
    name: JOBS.purgeIdempotencyKeys,
    cron: '17 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => {
      const n = await purgeIdempotencyKeys(ctx.db);
      if (n > 0) ctx.log(`idempotence : ${n} clé(s) de plus de 24 heures supprimée(s).`);
    },
  },
  ...notificationJobs,
  ...emailJobs,
  ...reminderJobs,
  ...veilleJobs,
  ...cnfptJobs,
  ...nationalJobs,
  ...accountJobs,
  ...welcomeJobs,
  ...privacyJobs,
];
