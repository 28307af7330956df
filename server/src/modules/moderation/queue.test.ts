import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { addDays, parisToday } from '../../../../common/time/index.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { act, commentOn, flag, moderationScene } from './moderation.fixtures.js';

describe('review queue, audit log and figures', async () => {
  const { app } = await useTestApp();

  it('groups pending flags by item, oldest waiting first, with reasons, reporters and the author’s history', async () => {
    const { community, post, author, reporter, animator } = await moderationScene(app);
    const second = await memberOf(app, community.id);
    const c = await commentOn(app, post.id, author.headers, 'Un commentaire signalé');
    expect((await flag(app, 'posts', post.id, reporter.headers, 'spam', 'Publicité')).statusCode).toBe(201);
    expect((await flag(app, 'posts', post.id, second.headers, 'spam')).statusCode).toBe(201);
    expect((await flag(app, 'comments', c.id, second.headers, 'diffamation')).statusCode).toBe(201);
    // An earlier action against the author shows in their history.
    expect((await act(app, 'comment', c.id, animator.headers, { action: 'warn', reasonCode: 'spam', message: 'Attention.' })).statusCode).toBe(200);
    expect((await flag(app, 'comments', c.id, reporter.headers, 'diffamation')).statusCode).toBe(201);

    const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/queue`, headers: animator.headers });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      type: 'post', id: post.id, postId: post.id, flagCount: 2, link: `/publications/${post.id}`, hidden: false,
      reasons: [{ code: 'spam', label: 'Spam', count: 2 }],
      author: { id: author.user.id, postCount: 1, commentCount: 1, actions: { warn: 1 }, banned: false, suspendedUntil: null },
    });
    expect(items[0].reporters.map((r: { id: number }) => r.id)).toEqual([reporter.user.id, second.user.id]);
    expect(items[0].reporters[0].comment).toBe('Publicité');
    // The comment's first flag was handled by the warning: it waits since the second one only.
    expect(items[1]).toMatchObject({ type: 'comment', id: c.id, flagCount: 1, link: `/publications/${post.id}#commentaire-${c.id}` });
    expect(Date.parse(items[0].oldestFlagAt)).toBeLessThanOrEqual(Date.parse(items[1].oldestFlagAt));

    // Keyset pages: one item per page, same order, no repeats.
    const p1 = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/queue?limit=1`, headers: animator.headers });
    expect(p1.json().items[0].id).toBe(post.id);
    const p2 = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/queue?limit=1&cursor=${p1.json().nextCursor}`, headers: animator.headers });
    expect(p2.json().items.map((i: { id: number }) => i.id)).toEqual([c.id]);
    expect(p2.json().nextCursor).toBeNull();
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/queue?cursor=zzz`, headers: animator.headers })).statusCode).toBe(400);

    // Handling an item takes it out of the queue.
    expect((await act(app, 'post', post.id, animator.headers, { action: 'keep', fromQueue: true })).statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/queue`, headers: animator.headers });
    expect(after.json().items.map((i: { id: number }) => i.id)).toEqual([c.id]);
  });

  it('answers the queue with a constant number of queries, whatever the page size', async () => {
    const { community, animator } = await moderationScene(app);
    for (let i = 0; i < 6; i += 1) {
      const writer = await memberOf(app, community.id);
      const reader = await memberOf(app, community.id);
      const { rows } = await app.pool.query(
        `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 't', 'x', '<p>x</p>') RETURNING id`,
        [community.id, writer.user.id]);
      expect((await flag(app, 'posts', rows[0].id, reader.headers)).statusCode).toBe(201);
    }
    const count = async (limit: number) => {
      let queries = 0;
      const original = app.pool.query.bind(app.pool);
      // Counting statements through the pool the app uses (Drizzle sends through pool.query / client.query).
      const spy = (...args: unknown[]) => { queries += 1; return (original as (...a: unknown[]) => unknown)(...args); };
      (app.pool as unknown as { query: unknown }).query = spy;
      try {
        const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/queue?limit=${limit}`, headers: animator.headers });
        expect(res.json().items).toHaveLength(limit);
      } finally {
        (app.pool as unknown as { query: unknown }).query = original;
      }
      return queries;
    };
    // A first request may fill per-process caches (the session, for one): compare warm requests only.
    await count(1);
    expect(await count(2)).toBe(await count(6));
  });

  it('keeps each community’s queue to its staff; the network queue to the national team', async () => {
    const { community, reporter, coordinator, admin, post } = await moderationScene(app);
    const other = await moderationScene(app);
    expect((await flag(app, 'posts', post.id, reporter.headers)).statusCode).toBe(201);
    const url = `/api/communities/${community.slug}/moderation/queue`;
    expect((await app.inject({ method: 'GET', url, headers: reporter.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: other.animator.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url, headers: coordinator.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/communities/nope-nope/moderation/queue', headers: admin.headers })).statusCode).toBe(404);
    const network = await app.inject({ method: 'GET', url: '/api/moderation/queue?limit=50', headers: admin.headers });
    expect(network.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/moderation/queue', headers: coordinator.headers })).statusCode).toBe(403);
  });

  it('audit log: coordinators of the community and the national team read it; animators and others do not', async () => {
    const { community, post, reporter, animator, coordinator, admin } = await moderationScene(app);
    expect((await flag(app, 'posts', post.id, reporter.headers, 'spam')).statusCode).toBe(201);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'hide', reasonCode: 'spam', message: 'Publicité', fromQueue: true })).statusCode).toBe(200);
    const url = `/api/communities/${community.slug}/moderation/audit`;
    const res = await app.inject({ method: 'GET', url, headers: coordinator.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0]).toMatchObject({
      action: 'hide', targetType: 'post', targetId: post.id, actor: { id: animator.user.id }, message: 'Publicité',
      reason: { code: 'spam', label: 'Spam' }, before: { hidden: false }, after: { hidden: true }, community: { slug: community.slug },
    });
    expect((await app.inject({ method: 'GET', url, headers: admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: animator.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: reporter.headers })).statusCode).toBe(403);
    const network = await app.inject({ method: 'GET', url: '/api/moderation/audit?limit=1', headers: admin.headers });
    expect(network.statusCode).toBe(200);
    expect(network.json().items).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/api/moderation/audit', headers: coordinator.headers })).statusCode).toBe(403);
  });

  it('the audit log cannot be edited nor deleted, even by the application role', async () => {
    const { post, reporter, animator } = await moderationScene(app);
    expect((await flag(app, 'posts', post.id, reporter.headers)).statusCode).toBe(201);
    const { auditId } = (await act(app, 'post', post.id, animator.headers, { action: 'keep', fromQueue: true })).json();
    await expect(app.pool.query(`UPDATE moderation_audit SET message = 'effacé' WHERE id = $1`, [auditId])).rejects.toThrow(/append-only/);
    await expect(app.pool.query('DELETE FROM moderation_audit WHERE id = $1', [auditId])).rejects.toThrow(/append-only/);
    // TRUNCATE locks flags too (CASCADE): moderation transactions of the test files running alongside may
    // deadlock with it. Those are retried; what must refuse it in the end is the trigger.
    const truncate = async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await app.pool.query('TRUNCATE moderation_audit CASCADE');
        } catch (err) {
          if ((err as { code?: string }).code !== '40P01' || attempt === 5) throw err;
        }
      }
    };
    await expect(truncate()).rejects.toThrow(/append-only/);
    const { rows } = await app.pool.query('SELECT message FROM moderation_audit WHERE id = $1', [auditId]);
    expect(rows).toEqual([{ message: '' }]);
  });

  it('figures: flags received and handled, median time to handle, actions by kind', async () => {
    const { community, post, reporter, animator, author, admin } = await moderationScene(app);
    const second = await memberOf(app, community.id);
    const c = await commentOn(app, post.id, author.headers);
    expect((await flag(app, 'posts', post.id, reporter.headers)).statusCode).toBe(201);
    expect((await flag(app, 'posts', post.id, second.headers)).statusCode).toBe(201);
    expect((await flag(app, 'comments', c.id, second.headers)).statusCode).toBe(201);
    await app.pool.query(`UPDATE flags SET created_at = now() - interval '2 hours' WHERE post_id = $1`, [post.id]);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'hide', reasonCode: 'spam', fromQueue: true })).statusCode).toBe(200);
    // The statistics count Paris days: from 23:00 UTC (midnight in Paris) the UTC date is the day before.
    const today = parisToday();
    const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/stats?to=${today}`, headers: animator.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ flagsReceived: 3, flagsHandled: 2, pending: 1, actions: [{ action: 'hide', count: 1 }] });
    expect(res.json().medianHandleSeconds).toBeGreaterThanOrEqual(7190);
    expect(res.json().medianHandleSeconds).toBeLessThan(7300);
    // The chart's series: one bar per day of a 30-day period, adding up to the totals.
    const monthAgo = addDays(today, -29);
    const days = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/stats?from=${monthAgo}&to=${today}`, headers: animator.headers });
    const { series } = days.json() as { series: { unit: string; buckets: { start: string; received: number; handled: number }[] } };
    expect(series.unit).toBe('day');
    expect(series.buckets).toHaveLength(30);
    expect(series.buckets.reduce((n, b) => n + b.received, 0)).toBe(3);
    expect(series.buckets.reduce((n, b) => n + b.handled, 0)).toBe(2);
    const year = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/stats?from=2026-01-01&to=2026-12-31`, headers: animator.headers });
    expect(year.json().series.unit).toBe('month');
    expect(year.json().series.buckets.map((b: { start: string }) => b.start)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`));
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/stats`, headers: reporter.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/stats?from=2026-13-01`, headers: animator.headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/moderation/stats?from=2026-05-02&to=2026-05-01`, headers: animator.headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/moderation/stats', headers: admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/moderation/stats', headers: animator.headers })).statusCode).toBe(403);
  });
});
