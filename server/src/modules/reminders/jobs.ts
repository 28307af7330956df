import type { AnyJobDefinition } from '../../jobs/runner.js';
import { mailContext } from '../email-prefs/jobs.js';
import { runReminders } from './service.js';

/** Answer-deadline reminders, every five minutes (Europe/Paris). */
export const reminderJobs: AnyJobDefinition[] = [
  {
    name: 'question-deadline-reminders',
    cron: '*/5 * * * *',
    policy: 'stately',
    retryLimit: 0,
    handler: async (_data, ctx) => { await runReminders(mailContext(ctx)); },
  },
];
