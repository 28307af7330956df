import type { AnyJobDefinition, JobContext } from '../../jobs/runner.js';
import { runDigest, type MailJobContext } from './digests.js';
import { runImmediateNotices } from './notices.js';

/** What a job that sends e-mail needs (the worker's mailer and configuration); also for reminders/jobs.ts. */
export function mailContext(ctx: JobContext): MailJobContext {
  if (!ctx.mailer || !ctx.config) throw new Error('tâche de courriel sans mailer ni configuration');
  return { db: ctx.db, mailer: ctx.mailer, config: ctx.config, log: ctx.log };
}

/** E-mail jobs (digests, immediate notices; the answer-deadline reminders are reminders/jobs.ts). Cron in Europe/Paris. */
export const emailJobs: AnyJobDefinition[] = [
  {
    name: 'email-digest-daily',
    cron: '0 7 * * *',
    policy: 'stately',
    // A failed SMTP send throws after the batch: retried later for the failed members only.
    retryLimit: 5, retryDelay: 60, retryBackoff: true,
    handler: async (_data, ctx) => { await runDigest(mailContext(ctx), 'daily'); },
  },
  {
    name: 'email-digest-weekly',
    cron: '0 7 * * 1',
    policy: 'stately',
    retryLimit: 5, retryDelay: 60, retryBackoff: true,
    handler: async (_data, ctx) => { await runDigest(mailContext(ctx), 'weekly'); },
  },
  {
    name: 'email-immediate-notices',
    cron: '* * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => { await runImmediateNotices(mailContext(ctx)); },
  },
];
