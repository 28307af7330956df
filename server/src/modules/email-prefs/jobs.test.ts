import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { JobRunner } from '../../jobs/runner.js';
import { jobDefinitions } from '../../jobs/definitions.js';
import { createMailer } from '../mail/service.js';
import { PARIS_TIME_ZONE } from '../../../../common/time/index.js';

describe('e-mail jobs', async () => {
  const { app } = await useTestApp();

  it('every job definition starts in a worker: queues created, schedules (Paris time) registered', async () => {
    const mailer = createMailer(app.db, undefined, 'x <x@test.fr>', () => {});
    const runner = await JobRunner.start({ db: app.db, pool: app.pool, log: () => {}, mailer, config: app.config, definitions: jobDefinitions, work: true });
    try {
      const { rows } = await app.pool.query(`SELECT name, cron, options->>'tz' AS tz FROM pgboss.schedule WHERE name LIKE 'email-%' OR name = 'question-deadline-reminders' ORDER BY name`);
      expect(rows).toEqual([
        { name: 'email-digest-daily', cron: '0 7 * * *', tz: PARIS_TIME_ZONE },
        { name: 'email-digest-weekly', cron: '0 7 * * 1', tz: PARIS_TIME_ZONE },
        { name: 'email-immediate-notices', cron: '* * * * *', tz: PARIS_TIME_ZONE },
        { name: 'question-deadline-reminders', cron: '*/5 * * * *', tz: PARIS_TIME_ZONE },
      ]);
      const q = await app.pool.query(`SELECT retry_limit, retry_delay, retry_backoff FROM pgboss.queue WHERE name = 'email-digest-daily'`);
      expect(q.rows[0]).toEqual({ retry_limit: 5, retry_delay: 60, retry_backoff: true });
    } finally {
      await runner.stop();
      mailer.close();
    }
  });
});
