import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { insertPost } from '../posts/service.js';
import { createMailer } from '../mail/service.js';
import { runReminders } from './service.js';

const HOUR = 3_600_000;

describe('answer-deadline reminders', async () => {
  const { app } = await useTestApp();
  const sink = await startSmtpSink();
  const mailer = createMailer(app.db, sink.url, 'e-communautés <ne-pas-repondre@test.fr>', () => {});
  const ctx = { db: app.db, mailer, config: app.config, log: () => {} };
  afterAll(async () => { mailer.close(); await sink.close(); });

  async function question(communityId: number, askerId: number, title: string, deadline: Date, answered = false): Promise<number> {
    const id = await insertPost(app.db, communityId, askerId, { title, body: 'Merci pour vos retours.', kind: 'question' });
    await app.pool.query(
      `INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at, answered_at) VALUES ($1, $2, $3, now(), $4, $5)
       ON CONFLICT (post_id) DO UPDATE SET deadline_at = EXCLUDED.deadline_at, answered_at = EXCLUDED.answered_at`,
      [id, communityId, askerId, deadline, answered ? new Date() : null],
    );
    return id;
  }

  it('reminds animators 24 h before the deadline and the coordinator once overdue, each once', async () => {
    const c = await createCommunity(app, { name: 'Rappels Voirie' });
    const animator = await memberOf(app, c.id, 'animator');
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const asker = await memberOf(app, c.id);
    const now = new Date(Date.now() + 365 * 24 * HOUR); // far from other files' questions
    const soon = await question(c.id, asker.user.id, 'Quelle signalétique pour les zones 30 ?', new Date(now.getTime() + 20 * HOUR));
    await question(c.id, asker.user.id, 'Question déjà traitée', new Date(now.getTime() + 10 * HOUR), true);
    await question(c.id, asker.user.id, 'Question lointaine', new Date(now.getTime() + 48 * HOUR));

    const since = sink.mails.length;
    await runReminders(ctx, now);
    await runReminders(ctx, now); // the job runs twice: still one reminder
    const mail = await sink.waitForMail(animator.user.email, { since });
    expect(mail.subject).toBe('Question sans réponse : Quelle signalétique pour les zones 30 ?');
    expect(mail.text).toContain('Son délai de réponse expire le');
    expect(mail.text).toContain(`http://localhost:3000/publications/${soon}`);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // runReminders awaits each send and the sink records a mail before accepting it: nothing more is on its way.
    const toAnimator = sink.mails.slice(since).filter((m) => m.to.includes(animator.user.email.toLowerCase()));
    expect(toAnimator.map((m) => m.subject)).toEqual(['Question sans réponse : Quelle signalétique pour les zones 30 ?']);
    expect(sink.mails.slice(since).some((m) => m.to.includes(coordinator.user.email.toLowerCase()))).toBe(false);

    // A day later the deadline has passed: the coordinator is told, once; the animator is not reminded again.
    const later = new Date(now.getTime() + 21 * HOUR);
    const since2 = sink.mails.length;
    await runReminders(ctx, later);
    await runReminders(ctx, later);
    const overdue = await sink.waitForMail(coordinator.user.email, { since: since2 });
    expect(overdue.subject).toBe('Délai dépassé : Quelle signalétique pour les zones 30 ?');
    // runReminders awaits each send and the sink records a mail before accepting it: nothing more is on its way.
    const after = sink.mails.slice(since2);
    expect(after.filter((m) => m.to.includes(coordinator.user.email.toLowerCase()))).toHaveLength(1);
    expect(after.some((m) => m.to.includes(animator.user.email.toLowerCase()) && m.subject.includes('zones 30'))).toBe(false);
    const { rows } = await app.pool.query(`SELECT kind, recipients FROM reminders WHERE question_id = $1 AND kind NOT LIKE '%:%' ORDER BY kind`, [soon]);
    expect(rows).toEqual([{ kind: 'due_soon', recipients: 1 }, { kind: 'overdue', recipients: 1 }]);
  });

  it('SMTP down: nothing is marked sent; the next run delivers the reminder, once', async () => {
    const c = await createCommunity(app, { name: 'Rappels Panne' });
    const animator = await memberOf(app, c.id, 'animator');
    const asker = await memberOf(app, c.id);
    const now = new Date(Date.now() + 2 * 365 * 24 * HOUR);
    const id = await question(c.id, asker.user.id, 'Question pendant la panne', new Date(now.getTime() + 2 * HOUR));
    const down = createMailer(app.db, 'smtp://127.0.0.1:1', 'x <x@test.fr>', () => {});
    await runReminders({ ...ctx, mailer: down }, now);
    down.close();
    const released = await app.pool.query('SELECT kind FROM reminders WHERE question_id = $1', [id]);
    expect(released.rows).toEqual([]);
    const since = sink.mails.length;
    await runReminders(ctx, new Date(now.getTime() + 5 * 60_000));
    await runReminders(ctx, new Date(now.getTime() + 10 * 60_000));
    await sink.waitForMail(animator.user.email, { since });
    // runReminders awaits each send and the sink records a mail before accepting it: nothing more is on its way.
    expect(sink.mails.slice(since).filter((m) => m.to.includes(animator.user.email.toLowerCase()))).toHaveLength(1);
  });
});
