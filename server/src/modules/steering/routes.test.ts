import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { insertComment, insertPost } from './steering.fixtures.js';
import { parisMonthNow } from '../../../../common/time/index.js';

describe('steering routes', async () => {
  const { app } = await useTestApp();

  async function scene() {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const member = await memberOf(app, c.id, 'member');
    return { c, animator, coordinator, member };
  }
  const dash = (slug: string, headers?: Record<string, string>, query = '') =>
    app.inject({ method: 'GET', url: `/api/communities/${slug}/steering/animator${query}`, headers });
  const putTarget = (slug: string, headers: Record<string, string> | undefined, payload: unknown) =>
    app.inject({ method: 'PUT', url: `/api/communities/${slug}/steering/target`, headers, payload: payload as object });

  it('shows the animator their month against the target', async () => {
    const { c, animator, member } = await scene();
    const now = new Date().toISOString();
    await insertPost(app, c.id, animator.user.id, 'veille', now);
    await insertPost(app, c.id, animator.user.id, 'article', now);
    const q = await insertPost(app, c.id, member.user.id, 'question', now);
    await insertComment(app, q, animator.user.id, now);
    const res = await dash(c.slug, animator.headers);
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({
      month: parisMonthNow(), animator: { id: animator.user.id }, target: 20, total: 3,
      balance: { balanced: true, message: 'équilibré' }, flagsWaiting: 0, team: null, targets: null,
      can: { setTarget: false, readTeam: false },
    });
    expect(body.families.map((f: { code: string; count: number }) => [f.code, f.count])).toEqual([['veille', 1], ['animation', 1], ['redaction', 1]]);
    expect(body.formats.kinds).toEqual(expect.arrayContaining([{ kind: 'veille', count: 1 }, { kind: 'article', count: 1 }]));
    expect(body.members).toHaveLength(12);
    expect(body.members[11]).toMatchObject({ month: parisMonthNow(), total: 3 });
  });

  it('keeps the audience a minute and says since when, while questions and contributions stay live', async () => {
    const { c, animator } = await scene();
    const first = json(await dash(c.slug, animator.headers));
    expect(Date.now() - Date.parse(first.audienceAt)).toBeLessThan(60_000);
    await memberOf(app, c.id, 'member');
    const member = await memberOf(app, c.id, 'member');
    const asked = await app.inject({ method: 'POST', url: `/api/communities/${c.slug}/posts`, headers: member.headers, payload: { kind: 'question', title: 'Une question', body: 'Comment faire ?' } });
    expect(asked.statusCode, asked.body).toBe(201);
    await insertPost(app, c.id, animator.user.id, 'veille', new Date().toISOString());
    const second = json(await dash(c.slug, animator.headers));
    expect(second.audienceAt).toBe(first.audienceAt);
    expect(second.members).toEqual(first.members);
    expect(second.questions.total).toBe(first.questions.total + 1);
    expect(second.total).toBe(first.total + 1);
  });

  it('counts every waiting question, lists the ten soonest, and leaves out a hidden one', async () => {
    const { c, animator } = await scene();
    expect(json(await dash(c.slug, animator.headers)).questions).toEqual({ total: 0, items: [] });
    const member = await memberOf(app, c.id, 'member');
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const asked = await app.inject({ method: 'POST', url: `/api/communities/${c.slug}/posts`, headers: member.headers, payload: { kind: 'question', title: `Question ${i}`, body: `Comment faire, cas ${i} ?` } });
      expect(asked.statusCode, asked.body).toBe(201);
      ids.push(asked.json().id);
    }
    await app.pool.query(`UPDATE posts SET hidden_at = now() WHERE id = $1`, [ids[0]]);
    const { questions } = json(await dash(c.slug, animator.headers));
    expect(questions.total).toBe(11);
    expect(questions.items.map((q: { postId: number }) => q.postId)).toEqual(ids.slice(1, 11));
  });

  it('says which family to strengthen', async () => {
    const { c, animator } = await scene();
    const now = new Date().toISOString();
    for (let i = 0; i < 3; i += 1) await insertPost(app, c.id, animator.user.id, 'article', now);
    await insertPost(app, c.id, animator.user.id, 'ressource', now);
    const body = json(await dash(c.slug, animator.headers));
    expect(body.balance).toEqual({ balanced: false, message: 'à rééquilibrer : peu de veille', low: ['veille'] });
  });

  it('lets the coordinator and the national admin read every animator and the team', async () => {
    const { c, animator, coordinator } = await scene();
    const res = await dash(c.slug, coordinator.headers, `?animatorId=${animator.user.id}&month=2025-08`);
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.month).toBe('2025-08');
    expect(body.team.map((t: { userId: number }) => t.userId).sort()).toEqual([animator.user.id, coordinator.user.id].sort());
    expect(body.targets).toEqual({ community: 20, communityIsDefault: true, byUser: [] });
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await dash(c.slug, admin.headers, `?animatorId=${animator.user.id}`)).statusCode).toBe(200);
  });

  it('refuses other readers', async () => {
    const { c, animator, coordinator, member } = await scene();
    const elsewhere = await createCommunity(app);
    const otherAnimator = await memberOf(app, elsewhere.id, 'animator');
    expect((await dash(c.slug)).statusCode).toBe(401);
    expect(json(await dash(c.slug, otherAnimator.headers)).code).toBe('FORBIDDEN');
    expect((await dash(c.slug, member.headers)).statusCode).toBe(403);
    expect((await dash(c.slug, animator.headers, `?animatorId=${coordinator.user.id}`)).statusCode).toBe(403);
    expect((await dash(c.slug, coordinator.headers, `?animatorId=${member.user.id}`)).statusCode).toBe(404);
    expect((await dash(c.slug, animator.headers, '?month=2025-13')).statusCode).toBe(400);
    expect((await dash(c.slug, animator.headers, '?animatorId=abc')).statusCode).toBe(400);
    expect((await dash('nope-nope', animator.headers)).statusCode).toBe(404);
  });

  it('lets the coordinator set the community target and one animator target', async () => {
    const { c, animator, coordinator } = await scene();
    const set = await putTarget(c.slug, coordinator.headers, { monthlyTarget: 25 });
    expect(set.statusCode).toBe(200);
    expect(json(set)).toEqual({ community: 25, communityIsDefault: false, byUser: [] });
    const one = await putTarget(c.slug, coordinator.headers, { monthlyTarget: 12, userId: animator.user.id });
    expect(json(one).byUser).toEqual([{ userId: animator.user.id, monthlyTarget: 12 }]);
    expect(json(await dash(c.slug, animator.headers)).target).toBe(12);
    const reset = await app.inject({ method: 'DELETE', url: `/api/communities/${c.slug}/steering/target?userId=${animator.user.id}`, headers: coordinator.headers });
    expect(json(reset)).toEqual({ community: 25, communityIsDefault: false, byUser: [] });
    expect(json(await dash(c.slug, animator.headers)).target).toBe(25);
    const all = await app.inject({ method: 'DELETE', url: `/api/communities/${c.slug}/steering/target`, headers: coordinator.headers });
    expect(json(all)).toMatchObject({ community: 20, communityIsDefault: true });
    expect((await app.inject({ method: 'DELETE', url: `/api/communities/${c.slug}/steering/target`, headers: animator.headers })).statusCode).toBe(403);
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await putTarget(c.slug, admin.headers, { monthlyTarget: 30 })).statusCode).toBe(200);
  });

  it('refuses bad targets and other setters', async () => {
    const { c, animator, coordinator, member } = await scene();
    const elsewhere = await createCommunity(app);
    const otherCoordinator = await memberOf(app, elsewhere.id, 'coordinator');
    expect((await putTarget(c.slug, undefined, { monthlyTarget: 10 })).statusCode).toBe(401);
    expect((await putTarget(c.slug, animator.headers, { monthlyTarget: 10 })).statusCode).toBe(403);
    expect((await putTarget(c.slug, otherCoordinator.headers, { monthlyTarget: 10 })).statusCode).toBe(403);
    expect((await putTarget(c.slug, coordinator.headers, { monthlyTarget: 0 })).statusCode).toBe(400);
    expect((await putTarget(c.slug, coordinator.headers, { monthlyTarget: 501 })).statusCode).toBe(400);
    expect((await putTarget(c.slug, coordinator.headers, { monthlyTarget: 'vingt' })).statusCode).toBe(400);
    expect((await putTarget(c.slug, coordinator.headers, { monthlyTarget: 10, extra: 1 })).statusCode).toBe(400);
    expect((await putTarget(c.slug, coordinator.headers, {})).statusCode).toBe(400);
    expect((await putTarget(c.slug, coordinator.headers, { monthlyTarget: 10, userId: member.user.id })).statusCode).toBe(404);
  });

  it('counts reads of a post without storing who read it', async () => {
    const { c, animator, member } = await scene();
    const id = await insertPost(app, c.id, animator.user.id, 'article', new Date().toISOString());
    for (let i = 0; i < 3; i += 1) expect((await app.inject({ method: 'GET', url: `/api/posts/${id}`, headers: member.headers })).statusCode).toBe(200);
    // Reads are counted in memory and written in batches.
    await app.postViews.flush();
    const { rows } = await app.pool.query<{ views: number }>('SELECT coalesce(sum(views), 0)::int AS views FROM post_views_daily WHERE post_id = $1', [id]);
    const views = rows[0]!.views;
    expect(views).toBe(3);
    const body = json(await dash(c.slug, animator.headers));
    expect(body.mostRead[0]).toMatchObject({ postId: id, value: 3 });
  });
});
