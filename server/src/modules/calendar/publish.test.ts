import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { publishDuePlannedPosts, publishPlannedPost } from './service.js';

describe('scheduled publication', async () => {
  const { app } = await useTestApp();

  /** A scheduled post whose time has just passed (scheduling itself refuses the past). */
  async function overdue(title = 'Programmée') {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title, body: 'Le **texte** programmé.', kind: 'article', plannedAt: new Date(Date.now() + 3_600_000).toISOString(), status: 'scheduled' },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    await app.pool.query(`UPDATE planned_posts SET planned_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    return { id, community, animator };
  }

  it('publishes exactly once when two workers run at the same moment', async () => {
    const { id, community } = await overdue();
    const results = await Promise.all([publishPlannedPost(app.db, id), publishPlannedPost(app.db, id), publishPlannedPost(app.db, id)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const { rows: posts } = await app.pool.query('SELECT id, kind, title, body_html FROM posts WHERE community_id = $1', [community.id]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'article', title: 'Programmée' });
    expect(posts[0].body_html).toContain('<strong>texte</strong>');
    const { rows: planned } = await app.pool.query('SELECT status, post_id FROM planned_posts WHERE id = $1', [id]);
    expect(planned[0]).toEqual({ status: 'published', post_id: posts[0].id });
    const { rows: c } = await app.pool.query('SELECT post_count FROM communities WHERE id = $1', [community.id]);
    expect(c[0].post_count).toBe(1);
    // Run again later (a redelivered job): nothing more.
    expect(await publishPlannedPost(app.db, id)).toBeNull();
  });

  it('does not publish before the time, nor a draft or a cancelled post', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const url = `/api/communities/${community.slug}/planned-posts`;
    const future = (await app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'F', body: 'B', plannedAt: new Date(Date.now() + 3_600_000).toISOString(), status: 'scheduled' } })).json();
    const draft = (await app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'D', body: 'B', plannedAt: new Date(Date.now() - 60_000).toISOString() } })).json();
    expect(await publishPlannedPost(app.db, future.id)).toBeNull();
    expect(await publishPlannedPost(app.db, draft.id)).toBeNull();
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM posts WHERE community_id = $1', [community.id]);
    expect(rows[0].n).toBe(0);
  });

  it('the sweep publishes overdue scheduled posts (a lost job), once', async () => {
    const a = await overdue('Oubliée A');
    const b = await overdue('Oubliée B');
    await Promise.all([publishDuePlannedPosts(app.db), publishDuePlannedPosts(app.db)]);
    const { rows } = await app.pool.query(
      'SELECT community_id, count(*)::int AS n FROM posts WHERE community_id = ANY($1) GROUP BY community_id', [[a.community.id, b.community.id]]);
    expect(rows.map((r) => r.n)).toEqual([1, 1]);
    const published = await app.inject({ method: 'GET', url: `/api/planned-posts/${a.id}`, headers: a.animator.headers });
    expect(published.json()).toMatchObject({ status: 'published', can: { edit: false, cancel: false } });
    expect(published.json().postId).toBeGreaterThan(0);
    const edit = await app.inject({ method: 'PATCH', url: `/api/planned-posts/${a.id}`, headers: a.animator.headers, payload: { title: 'x' } });
    expect(edit.statusCode).toBe(409);
  });
});
