import { describe, expect, it } from 'vitest';
import { useTestApp, unique } from '../../../test/helpers.js';
import { signedInUser } from '../../../test/factories.js';
import { createCommunity } from '../../../test/community-factories.js';
import { PARIS } from '../../../../common/time/index.js';
import { jobDefinitions } from '../../jobs/definitions.js';
import { PRIVACY_JOBS, RETENTION, purgeExpiredPersonalData } from './retention.js';

describe('retention of personal data', async () => {
  const { app } = await useTestApp();

  it('deletes what is past its duration and nothing more, in batches, idempotently', async () => {
    const community = await createCommunity(app);
    const { user } = await signedInUser(app);
    const q = (text: string, values: unknown[] = []) => app.pool.query(text, values);
    const keptMonths = RETENTION.activityMonths - 1;
    // The first day of the oldest month kept, and the day before it.
    await q(`INSERT INTO member_activity_daily (community_id, day, user_id) VALUES
               ($1, (date_trunc('month', now() AT TIME ZONE $4) - make_interval(months => $3))::date, $2),
               ($1, (date_trunc('month', now() AT TIME ZONE $4) - make_interval(months => $3))::date - 1, $2),
               ($1, (date_trunc('month', now() AT TIME ZONE $4) - make_interval(months => $3))::date - 2, $2),
               ($1, current_date, $2)`, [community.id, user.id, keptMonths, PARIS]);
    await q(`INSERT INTO notifications (user_id, kind, created_at) VALUES ($1, 'comment', now() - make_interval(days => $2 + 1)),
               ($1, 'comment', now() - make_interval(days => $2 - 1))`, [user.id, RETENTION.notificationDays]);
    const mailTo = `${unique('retention')}@example.fr`;
    await q(`INSERT INTO mail_outbox (to_address, subject, text, html, status, created_at) VALUES
               ($1, 'Ancien', '', '', 'sent', now() - make_interval(days => $2 + 1)), ($1, 'Récent', '', '', 'sent', now())`, [mailTo, RETENTION.mailDays]);
    await q(`INSERT INTO email_tokens (token_hash, user_id, kind, expires_at) VALUES
               ($1, $3, 'reset_password', now() - make_interval(days => $4 + 1)), ($2, $3, 'reset_password', now() - interval '1 day')`,
    [unique('old'), unique('new'), user.id, RETENTION.emailTokenDays]);

    const counts = await purgeExpiredPersonalData(app.db, 1);
    expect(counts.activity).toBeGreaterThanOrEqual(2);

    const { rows: days } = await q(`SELECT day::text FROM member_activity_daily WHERE user_id = $1 ORDER BY day`, [user.id]);
    expect(days).toHaveLength(2);
    const { rows: notes } = await q('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [user.id]);
    expect(notes[0].n).toBe(1);
    const { rows: mails } = await q('SELECT subject FROM mail_outbox WHERE to_address = $1', [mailTo]);
    expect(mails).toEqual([{ subject: 'Récent' }]);
    const { rows: tokens } = await q('SELECT count(*)::int AS n FROM email_tokens WHERE user_id = $1', [user.id]);
    expect(tokens[0].n).toBe(1);

    const again = await purgeExpiredPersonalData(app.db);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('runs every night as a registered job', () => {
    const job = jobDefinitions.find((j) => j.name === PRIVACY_JOBS.retention);
    expect(job?.cron).toBe('25 4 * * *');
  });
});
