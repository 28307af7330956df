import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { quarterOf } from './coordinator.js';
import { insertComment, insertPost } from './steering.fixtures.js';
import { PARIS_SQL, parisMonthNow } from '../../../../common/time/index.js';

describe('coordinator dashboard', async () => {
  const { app } = await useTestApp();

  async function scene() {
    const c = await createCommunity(app);
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const animator = await memberOf(app, c.id, 'animator');
    const member = await memberOf(app, c.id, 'member');
    return { c, coordinator, animator, member };
  }
  const dash = (slug: string, headers?: Record<string, string>, query = '') =>
    app.inject({ method: 'GET', url: `/api/communities/${slug}/steering/coordinator${query}`, headers });
  const putObjectives = (slug: string, headers: Record<string, string> | undefined, payload: unknown) =>
    app.inject({ method: 'PUT', url: `/api/communities/${slug}/steering/objectives`, headers, payload: payload as object });

  it('shows each animator against the objectives of the month', async () => {
    const { c, coordinator, animator, member } = await scene();
    // May 2025: the animator posts in the weeks of 5, 12 and 19 May (Paris), twice in one, and answers on Friday 2 May.
    for (const at of ['2025-05-05T08:00:00Z', '2025-05-06T08:00:00Z', '2025-05-13T08:00:00Z', '2025-05-20T08:00:00Z']) {
      await insertPost(app, c.id, animator.user.id, 'veille', at);
    }
    const q1 = await insertPost(app, c.id, member.user.id, 'question', '2025-05-02T08:00:00Z');
    await insertComment(app, q1, animator.user.id, '2025-05-02T10:00:00Z');
    await app.pool.query(
      `INSERT INTO questions (post_id, community_id, asker_id, asked_at, deadline_at, answered_at, answered_by, answered_by_staff)
       VALUES ($1, $2, $3, '2025-05-02T08:00:00Z', '2025-05-05T08:00:00Z', '2025-05-02T10:00:00Z', $4, true)`,
      [q1, c.id, member.user.id, animator.user.id],
    );
    await app.pool.query(`UPDATE memberships SET joined_at = '2025-05-15T10:00:00Z' WHERE community_id = $1 AND user_id = $2`, [c.id, member.user.id]);
    await app.pool.query(`INSERT INTO member_activity_daily (community_id, day, user_id) VALUES ($1, '2025-05-03', $2), ($1, '2025-05-04', $2), ($1, '2025-04-30', $3)`, [c.id, member.user.id, animator.user.id]);

    expect((await putObjectives(c.slug, coordinator.headers, { quality: 90, growth: 1, regularity: 3 })).statusCode).toBe(200);
    const res = await dash(c.slug, coordinator.headers, '?month=2025-05');
    expect(res.statusCode).toBe(200);
    const d = json(res);
    expect(d.month).toBe('2025-05');
    const me = d.animators.find((a: { userId: number }) => a.userId === animator.user.id);
    expect(me).toMatchObject({
      role: 'animator',
      contributions: { total: 5, target: 20, families: { veille: 4, animation: 1, redaction: 0 }, met: false },
      regularity: { activeWeeks: 4, target: 3, met: true },
      quality: { answered: 1, answeredWithinDeadline: 1, share: 1, medianSeconds: 7200, met: true },
    });
    const obj = Object.fromEntries(d.objectives.map((o: { kind: string }) => [o.kind, o]));
    expect(obj.quality).toMatchObject({ target: 90, isDefault: false, value: 100, met: true, setBy: { id: coordinator.user.id } });
    expect(obj.growth).toMatchObject({ target: 1, value: 1, met: true });
    expect(obj.regularity).toMatchObject({ target: 3, value: 1, met: true });
    expect(d.questions).toMatchObject({ asked: 1, answered: 1, shareWithinDeadline: 1, medianSeconds: 7200 });
    expect(d.members).toHaveLength(12);
    expect(d.members[11]).toMatchObject({ month: '2025-05', joined: 1, active: 1 });
    expect(d.members[10]).toMatchObject({ month: '2025-04', active: 1 });
    // Independent count of the members at the end of May.
    const { rows } = await app.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM memberships WHERE community_id = $1 AND joined_at < ('2025-06-01'::timestamp AT TIME ZONE ${PARIS_SQL})`, [c.id]);
    expect(d.members[11].total).toBe(rows[0]!.n);
  });

  it('warns when no review meeting is planned this quarter', async () => {
    const { c, coordinator, animator } = await scene();
    const before = json(await dash(c.slug, coordinator.headers));
    expect(before.meetings).toMatchObject({ quarter: quarterOf(parisMonthNow()).label, planned: 0, warning: true, next: null });
    // A meeting in the next quarter does not count for this one.
    const q = quarterOf(parisMonthNow());
    const nextQuarter = new Date(`${q.to}-15T10:00:00Z`).toISOString();
    const body = (scheduledAt: string) => ({ scheduledAt, fromMonth: '2025-01', toMonth: '2025-03', agenda: 'Bilan', participantIds: [animator.user.id] });
    expect((await app.inject({ method: 'POST', url: `/api/communities/${c.slug}/meetings`, headers: coordinator.headers, payload: body(nextQuarter) })).statusCode).toBe(201);
    expect(json(await dash(c.slug, coordinator.headers)).meetings.warning).toBe(true);
    const soon = new Date(`${q.from}-01T00:00:00Z`).getTime() + 15 * 86_400_000;
    const created = await app.inject({ method: 'POST', url: `/api/communities/${c.slug}/meetings`, headers: coordinator.headers, payload: body(new Date(soon).toISOString()) });
    expect(created.statusCode).toBe(201);
    expect(json(await dash(c.slug, coordinator.headers)).meetings).toMatchObject({ planned: 1, warning: false });
  });

  it('is for the community’s coordinators and the national team only', async () => {
    const { c, coordinator, animator, member } = await scene();
    const elsewhere = await createCommunity(app);
    const otherAnimator = await memberOf(app, elsewhere.id, 'animator');
    const otherCoordinator = await memberOf(app, elsewhere.id, 'coordinator');
    expect((await dash(c.slug)).statusCode).toBe(401);
    for (const who of [animator, member, otherAnimator, otherCoordinator]) {
      const res = await dash(c.slug, who.headers);
      expect(res.statusCode).toBe(403);
      expect(json(res).code).toBe('FORBIDDEN');
      expect((await putObjectives(c.slug, who.headers, { quality: 50 })).statusCode).toBe(403);
    }
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await dash(c.slug, admin.headers)).statusCode).toBe(200);
    expect((await dash(c.slug, coordinator.headers, '?month=2025-13')).statusCode).toBe(400);
  });

  it('validates and stamps objectives', async () => {
    const { c, coordinator } = await scene();
    const defaults = json(await dash(c.slug, coordinator.headers)).objectives;
    expect(defaults.map((o: { kind: string; target: number; isDefault: boolean }) => [o.kind, o.target, o.isDefault]))
      .toEqual([['quality', 80, true], ['growth', 30, true], ['regularity', 4, true]]);
    for (const bad of [{}, { quality: 0 }, { quality: 101 }, { regularity: 7 }, { growth: -1 }, { quality: 'beaucoup' }, { other: 3 }]) {
      expect((await putObjectives(c.slug, coordinator.headers, bad)).statusCode).toBe(400);
    }
    const res = await putObjectives(c.slug, coordinator.headers, { growth: 120 });
    expect(res.statusCode).toBe(200);
    const growth = json(res).objectives.find((o: { kind: string }) => o.kind === 'growth');
    expect(growth).toMatchObject({ target: 120, isDefault: false, setBy: { id: coordinator.user.id } });
    expect(Date.now() - Date.parse(growth.updatedAt)).toBeLessThan(60_000);
    expect(json(res).objectives.find((o: { kind: string }) => o.kind === 'quality')).toMatchObject({ target: 80, isDefault: true, setBy: null });
  });
});
