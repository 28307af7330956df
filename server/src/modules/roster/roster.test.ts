import { afterAll, describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { createMailer } from '../mail/service.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { insertPost } from '../posts/service.js';
import { runReminders } from '../reminders/service.js';
import { mondayOf } from './week.js';
import { PARIS_SQL, parisToday } from '../../../../common/time/index.js';

const HOUR = 3_600_000;

describe('duty roster', async () => {
  const { app } = await useTestApp();
  const sink = await startSmtpSink();
  const mailer = createMailer(app.db, sink.url, 'e-communautés <ne-pas-repondre@test.fr>', () => {});
  afterAll(async () => { mailer.close(); await sink.close(); });

  async function team() {
    const community = await createCommunity(app);
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const alice = await memberOf(app, community.id, 'animator');
    const bruno = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id);
    return { community, coordinator, alice, bruno, member };
  }

  const thisWeek = async () => (await app.pool.query(`SELECT to_char(date_trunc('week', now() AT TIME ZONE ${PARIS_SQL}), 'YYYY-MM-DD') AS w`)).rows[0].w as string;
  const put = (slug: string, week: string, headers: Record<string, string>, animatorId: number) =>
    app.inject({ method: 'PUT', url: `/api/communities/${slug}/duty-roster/${week}`, headers, payload: { animatorId } });

  it('lets the coordinator and the animators set turns by week, only with team members and Mondays', async () => {
    const { community, coordinator, alice, bruno, member } = await team();
    const week = await thisWeek();
    const set = await put(community.slug, week, coordinator.headers, alice.user.id);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().weeks).toEqual([{ weekStart: week, animator: { id: alice.user.id, firstName: alice.user.firstName, lastName: alice.user.lastName } }]);
    const next = new Date(Date.parse(`${week}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await put(community.slug, next, alice.headers, bruno.user.id)).statusCode).toBe(200);

    const roster = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/duty-roster?weeks=3`, headers: bruno.headers });
    expect(roster.json()).toMatchObject({ currentWeek: week, can: { edit: true } });
    expect(roster.json().weeks.map((w: { animator: { id: number } | null }) => w.animator?.id ?? null)).toEqual([alice.user.id, bruno.user.id, null]);
    expect(roster.json().team.map((t: { id: number }) => t.id).sort()).toEqual([coordinator.user.id, alice.user.id, bruno.user.id].sort());

    // The editorial calendar shows the turns of the weeks it covers.
    const calendar = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/calendar?from=${week}&to=${next}`, headers: coordinator.headers });
    expect(calendar.statusCode, calendar.body).toBe(200);
    expect(calendar.json().duty).toEqual([
      { weekStart: week, animator: { id: alice.user.id, firstName: alice.user.firstName, lastName: alice.user.lastName } },
      { weekStart: next, animator: { id: bruno.user.id, firstName: bruno.user.firstName, lastName: bruno.user.lastName } },
    ]);

    expect((await put(community.slug, week, member.headers, alice.user.id)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/duty-roster`, headers: member.headers })).statusCode).toBe(403);
    const notStaff = await put(community.slug, week, coordinator.headers, member.user.id);
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().code).toBe('NOT_AN_ANIMATOR');
    const tuesday = new Date(Date.parse(`${week}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const notMonday = await put(community.slug, tuesday, coordinator.headers, alice.user.id);
    expect(notMonday.statusCode).toBe(400);
    expect(notMonday.json().fields.week).toBe('Choisissez un lundi.');
    const cleared = await app.inject({ method: 'DELETE', url: `/api/communities/${community.slug}/duty-roster/${next}`, headers: coordinator.headers });
    expect(cleared.json().weeks[0].animator).toBeNull();
  });

  it('warns only the animator on duty about a new question and a new flag; everyone when nobody is on duty', async () => {
    const { community, coordinator, alice, bruno, member } = await team();
    const kindsFor = async (userId: number, kind: string) =>
      (await app.pool.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = $2 AND community_id = $3', [userId, kind, community.id])).rows[0].n as number;
    const ask = async (title: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: member.headers, payload: { title, body: 'Détails.', kind: 'question' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };

    await ask('Sans astreinte ?');
    expect([await kindsFor(alice.user.id, 'new_question'), await kindsFor(bruno.user.id, 'new_question'), await kindsFor(coordinator.user.id, 'new_question')]).toEqual([1, 1, 1]);

    await put(community.slug, await thisWeek(), coordinator.headers, bruno.user.id);
    const postId = await ask('Avec astreinte ?');
    expect([await kindsFor(alice.user.id, 'new_question'), await kindsFor(bruno.user.id, 'new_question'), await kindsFor(coordinator.user.id, 'new_question')]).toEqual([1, 2, 1]);

    const flag = await app.inject({ method: 'POST', url: `/api/posts/${postId}/flags`, headers: alice.headers, payload: { reasonCode: 'spam' } });
    expect(flag.statusCode, flag.body).toBe(201);
    expect([await kindsFor(bruno.user.id, 'new_flag'), await kindsFor(coordinator.user.id, 'new_flag'), await kindsFor(alice.user.id, 'new_flag')]).toEqual([1, 0, 0]);
    // The person on duty raising a flag themselves: the rest of the team is told instead.
    const own = await app.inject({ method: 'POST', url: `/api/posts/${postId}/flags`, headers: bruno.headers, payload: { reasonCode: 'spam' } });
    expect(own.statusCode, own.body).toBe(201);
    expect([await kindsFor(alice.user.id, 'new_flag'), await kindsFor(coordinator.user.id, 'new_flag')]).toEqual([1, 1]);
  });

  it('reminds the animator on duty that week before a deadline, and all animators where nobody is', async () => {
    const ctx = { db: app.db, mailer, config: app.config, log: () => {} };
    const withDuty = await team();
    const without = await team();
    // Far from other files' questions, and a known week for the roster.
    const now = new Date(Date.now() + 400 * 24 * HOUR);
    const week = mondayOf(parisToday(now));
    expect((await put(withDuty.community.slug, week, withDuty.coordinator.headers, withDuty.alice.user.id)).statusCode).toBe(200);
    for (const t of [withDuty, without]) {
      const id = await insertPost(app.db, t.community.id, t.member.user.id, { title: `Question ${t.community.slug}`, body: 'Merci.', kind: 'question' });
      await app.pool.query(
        `INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at) VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (post_id) DO UPDATE SET deadline_at = EXCLUDED.deadline_at`,
        [id, t.community.id, t.member.user.id, new Date(now.getTime() + 10 * HOUR)],
      );
    }
    const since = sink.mails.length;
    await runReminders(ctx, now);
    await sink.waitForMail(withDuty.alice.user.email, { since });
    await sink.waitForMail(without.alice.user.email, { since });
    await sink.waitForMail(without.bruno.user.email, { since });
    // runReminders awaits each send and the sink records a mail before accepting it: nothing more is on its way.
    const got = (email: string) => sink.mails.slice(since).some((m) => m.to.includes(email.toLowerCase()));
    expect(got(withDuty.bruno.user.email)).toBe(false);
    expect(got(withDuty.coordinator.user.email)).toBe(false);
  });
});
