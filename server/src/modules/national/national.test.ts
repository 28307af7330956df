import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, unique, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { countContributions } from '../steering/families.js';
import { insertComment, insertPost } from '../steering/steering.fixtures.js';
import { openLaunchedCommunities } from './wizard.js';
import { parisMonthNow } from '../../../../common/time/index.js';

describe('national steering', async () => {
  const { app } = await useTestApp();
  const admin = await signIn(app, { nationalRole: 'admin' });
  const get = (url: string, headers?: Record<string, string>) => app.inject({ method: 'GET', url: `/api${url}`, headers });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url: `/api${url}`, headers, ...(payload ? { payload } : {}) });

  it('shows every community side by side from rollups that equal the underlying data, and says how fresh they are', async () => {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    await memberOf(app, c.id, 'coordinator');
    const member = await memberOf(app, c.id, 'member');
    const now = new Date().toISOString();
    const post = await insertPost(app, c.id, animator.user.id, 'veille', now);
    await insertPost(app, c.id, animator.user.id, 'article', now);
    const question = await insertPost(app, c.id, member.user.id, 'question', now);
    await insertComment(app, question, animator.user.id, now);
    await insertComment(app, post, member.user.id, now);
    // A member reads a post: one active member today, whatever the number of reads.
    for (let i = 0; i < 3; i += 1) expect((await get(`/posts/${post}`, member.headers)).statusCode).toBe(200);
    await app.activity.flush();

    expect((await get('/national/dashboard', member.headers)).statusCode).toBe(403);
    expect((await send('POST', '/national/dashboard/refresh', animator.headers)).statusCode).toBe(403);
    const refreshed = await send('POST', '/national/dashboard/refresh', admin.headers);
    expect(refreshed.statusCode).toBe(200);

    const res = await get('/national/dashboard', admin.headers);
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.refreshedAt).toBe(json(refreshed).refreshedAt.replace(/\.\d{3}Z$/, 'Z'));
    expect(body.month).toBe(parisMonthNow());
    const row = body.communities.find((r: { id: number }) => r.id === c.id);
    // Recomputed independently from the base tables.
    const q = async (text: string) => (await app.pool.query<{ n: number }>(text, [c.id])).rows[0]!.n;
    const contributions = (await countContributions(app.db, c.id, parisMonthNow())).reduce((s, r) => s + r.count, 0);
    expect(contributions).toBe(3);
    expect(row).toMatchObject({
      slug: c.slug,
      members: await q('SELECT member_count AS n FROM communities WHERE id = $1'),
      joinedMonth: 3,
      postsMonth: await q('SELECT count(*)::int AS n FROM posts WHERE community_id = $1 AND deleted_at IS NULL'),
      commentsMonth: 2,
      activeMonth: 1,
      // Only the animator carries the monthly target; the coordinator adds none.
      staffCount: 1,
      contributionsMonth: contributions,
      contributionsTarget: 20,
      flagsPending: 0,
    });
    expect(row.members).toBe(3);
    expect(body.months).toHaveLength(12);
    expect(body.months.at(-1).month).toBe(parisMonthNow());
    expect(body.months.at(-1).active).toBeGreaterThanOrEqual(1);
    expect(body.network.memberships).toBe(body.communities.reduce((sum: number, r: { members: number }) => sum + r.members, 0));
    expect(body.days).toHaveLength(60);

    // The community's own audience: the coordinator and animators read it, another community's animator does not.
    const audience = await get(`/communities/${c.slug}/audience`, animator.headers);
    expect(audience.statusCode).toBe(200);
    await app.postViews.flush();
    const a = json(await get(`/communities/${c.slug}/audience`, animator.headers));
    expect(a.days.at(-1).active).toBe(1);
    expect(a.topPosts[0]).toMatchObject({ postId: post, views: 3 });
    expect(a.months.at(-1)).toMatchObject({ members: 3, joined: 3, active: 1, posts: 3, comments: 2 });
    const other = await createCommunity(app);
    const outsider = await memberOf(app, other.id, 'animator');
    expect((await get(`/communities/${c.slug}/audience`, outsider.headers)).statusCode).toBe(403);
    // No IP address or reader is kept with the reads.
    const cols = await app.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name IN ('post_views_daily', 'member_activity_daily')`);
    expect(cols.rows.map((r) => r.column_name).sort()).toEqual(['community_id', 'community_id', 'day', 'day', 'post_id', 'user_id', 'views']);
  });

  it('creates a community as a draft with its team, opened by the job on its launch date (idempotent)', async () => {
    const coordinator = await signIn(app);
    const animator = await signIn(app);
    const slug = unique('pdlv').toLowerCase();
    const body = {
      name: 'Politique de la Ville', slug, description: 'Les agents de la politique de la ville.',
      perimeter: 'Contrats de ville, quartiers prioritaires', targetAudience: 'Chefs de projet', editorialLine: 'Partager les pratiques',
      coordinatorId: coordinator.user.id, animatorIds: [animator.user.id], launchDate: '2099-02-01',
    };
    expect((await send('POST', '/national/communities', coordinator.headers, body)).statusCode).toBe(403);
    const created = await send('POST', '/national/communities', admin.headers, body);
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ slug, status: 'draft', launchDate: '2099-02-01' });
    expect((await send('POST', '/national/communities', admin.headers, body)).statusCode).toBe(409);
    const missing = await send('POST', '/national/communities', admin.headers, { ...body, slug: `${slug}-b`, coordinatorId: 999999999 });
    expect(missing.statusCode).toBe(400);
    // A draft is seen by its coordinator, not by others.
    const outsider = await signIn(app);
    expect((await get(`/communities/${slug}`, outsider.headers)).statusCode).toBe(404);
    const seen = json(await get(`/communities/${slug}`, coordinator.headers));
    expect(seen).toMatchObject({ status: 'draft', memberCount: 2 });
    const roles = await app.pool.query(`SELECT user_id::int AS id, role FROM memberships m JOIN communities c ON c.id = m.community_id WHERE c.slug = $1 ORDER BY role`, [slug]);
    expect(roles.rows).toEqual([{ id: animator.user.id, role: 'animator' }, { id: coordinator.user.id, role: 'coordinator' }]);

    expect(await openLaunchedCommunities(app.db)).not.toContain(slug);
    await app.pool.query(`UPDATE communities SET launch_date = '2023-02-01' WHERE slug = $1`, [slug]);
    expect(await openLaunchedCommunities(app.db)).toContain(slug);
    expect(await openLaunchedCommunities(app.db)).not.toContain(slug);
    expect((await get(`/communities/${slug}`, outsider.headers)).statusCode).toBe(200);

    // A launch date already reached opens it at once.
    const past = await send('POST', '/national/communities', admin.headers, { ...body, slug: `${slug}-open`, launchDate: '2023-02-01' });
    expect(json(past).status).toBe('open');
  });
});
