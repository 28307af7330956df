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
      payload: {
        title, body: 'Le **texte** programmé.', kind: 'article', plannedAt: new Date(Date.now() + 3_600_000).toISOString(), status: 'scheduled',
        payload: { articleType: 'retour_experience' },
      },
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
    const shown = await app.inject({ method: 'GET', url: `/api/posts/${posts[0].id}` });
    expect(shown.json()).toMatchObject({ kind: 'article', articleType: 'retour_experience' });
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

  it('publishes a veille with its link, source, rubrique and tags as planned', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const rubrique = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/rubriques`, headers: animator.headers, payload: { name: 'Veille juridique' } });
    expect(rubrique.statusCode, rubrique.body).toBe(201);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: {
        title: 'Circulaire sur les contrats de ville', body: 'Ce qui change pour les quartiers prioritaires.', kind: 'veille',
        plannedAt: new Date(Date.now() + 3_600_000).toISOString(), status: 'scheduled',
        payload: {
          link: { url: 'https://www.legifrance.gouv.fr/circulaire/2026', title: 'Circulaire du 3 mars', source: 'Légifrance' },
          rubriqueId: rubrique.json().id, tags: ['#Contrat de ville', 'QPV'],
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().payload).toEqual({
      link: { url: 'https://www.legifrance.gouv.fr/circulaire/2026', title: 'Circulaire du 3 mars', source: 'Légifrance' },
      rubriqueId: rubrique.json().id, tags: ['contrat de ville', 'qpv'],
    });
    await app.pool.query(`UPDATE planned_posts SET planned_at = now() - interval '1 minute' WHERE id = $1`, [res.json().id]);
    const postId = await publishPlannedPost(app.db, res.json().id);
    const post = (await app.inject({ method: 'GET', url: `/api/posts/${postId}` })).json();
    expect(post).toMatchObject({
      kind: 'veille', articleType: null, tags: ['contrat de ville', 'qpv'],
      link: { url: 'https://www.legifrance.gouv.fr/circulaire/2026', title: 'Circulaire du 3 mars', source: 'Légifrance' },
    });
    expect(post.rubrique).toEqual({ id: rubrique.json().id, name: 'Veille juridique' });
  });

  it('refuses fields of another kind, a bad link, and a schedule missing what the kind needs; nothing written', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const url = `/api/communities/${community.slug}/planned-posts`;
    const plannedAt = new Date(Date.now() + 3_600_000).toISOString();
    const attempt = (body: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: animator.headers, payload: { title: 'T', body: 'B', plannedAt, ...body } });
    const wrongKind = await attempt({ kind: 'veille', payload: { articleType: 'expertise' } });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().fields).toHaveProperty(['payload.articleType']);
    expect((await attempt({ kind: 'veille', payload: { link: { url: 'ftp://exemple.fr' } } })).json().code).toBe('LINK_INVALID_URL');
    const untyped = await attempt({ kind: 'article', status: 'scheduled' });
    expect(untyped.statusCode).toBe(400);
    expect(untyped.json().fields).toHaveProperty(['payload.articleType']);
    expect((await attempt({ kind: 'ressource', status: 'scheduled' })).json().fields).toHaveProperty(['payload.link.url']);
    expect((await attempt({ payload: { rubriqueId: 999_999_999 } })).json().code).toBe('RUBRIQUE_NOT_FOUND');
    expect((await attempt({ payload: { color: 'red' } })).statusCode).toBe(400);
    // A draft may wait for its type; scheduling it asks for it.
    const draft = await attempt({ kind: 'article' });
    expect(draft.statusCode).toBe(201);
    const schedule = await app.inject({ method: 'PATCH', url: `/api/planned-posts/${draft.json().id}`, headers: animator.headers, payload: { status: 'scheduled' } });
    expect(schedule.statusCode).toBe(400);
    const typed = await app.inject({
      method: 'PATCH', url: `/api/planned-posts/${draft.json().id}`, headers: animator.headers, payload: { status: 'scheduled', payload: { articleType: 'expertise' } },
    });
    expect(typed.json()).toMatchObject({ status: 'scheduled', payload: { articleType: 'expertise' } });
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM planned_posts WHERE community_id = $1', [community.id]);
    expect(rows[0].n).toBe(1);
  });
});
