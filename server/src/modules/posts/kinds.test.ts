import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf } from './posts.fixtures.js';

describe('kinds of post', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id, 'member');
    return { community, animator, member };
  }

  function create(slug: string, headers: Record<string, string>, payload: Record<string, unknown>) {
    return app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload });
  }

  function feed(slug: string, query = '') {
    return app.inject({ method: 'GET', url: `/api/communities/${slug}/posts${query}` });
  }

  it('creates and reads each kind, with its own fields, and filters the feed by kind', async () => {
    const { community, animator, member } = await setup();
    const discussion = await create(community.slug, member.headers, { title: 'Bonjour', body: 'Une discussion' });
    expect(discussion.statusCode, discussion.body).toBe(201);
    expect(discussion.json()).toMatchObject({ kind: 'discussion', articleType: null, link: null, shared: null, tags: [], rubrique: null });

    const question = await create(community.slug, member.headers, { kind: 'question', title: 'Une question ?', body: 'Qui sait ?' });
    expect(question.statusCode, question.body).toBe(201);
    expect(question.json().kind).toBe('question');

    const article = await create(community.slug, animator.headers, {
      kind: 'article', articleType: 'analyse_reglementaire', title: 'La loi 3DS', body: 'Analyse', tags: ['Loi 3DS', '#Décentralisation'],
    });
    expect(article.statusCode, article.body).toBe(201);
    expect(article.json()).toMatchObject({ kind: 'article', articleType: 'analyse_reglementaire', tags: ['loi 3ds', 'décentralisation'] });

    const veille = await create(community.slug, animator.headers, {
      kind: 'veille', body: 'Mon commentaire : à lire avant le prochain conseil citoyen.',
      link: { url: 'https://www.example.org/rapport', title: 'Rapport annuel', description: 'Le rapport', source: 'ANCT' },
    });
    expect(veille.statusCode, veille.body).toBe(201);
    expect(veille.json()).toMatchObject({
      kind: 'veille', title: 'Rapport annuel',
      link: { url: 'https://www.example.org/rapport', title: 'Rapport annuel', description: 'Le rapport', source: 'ANCT' },
    });

    const ressource = await create(community.slug, animator.headers, {
      kind: 'ressource', title: 'LID n° 412', body: 'La lettre d’information documentaire du CNFPT.',
      link: { url: 'https://www.example.org/lid-412.pdf', source: 'CNFPT' },
    });
    expect(ressource.statusCode, ressource.body).toBe(201);
    expect(ressource.json().link).toEqual({ url: 'https://www.example.org/lid-412.pdf', title: null, description: null, source: 'CNFPT' });

    const read = await app.inject({ method: 'GET', url: `/api/posts/${article.json().id}` });
    expect(read.json()).toMatchObject({ kind: 'article', articleType: 'analyse_reglementaire' });

    const all = await feed(community.slug);
    expect(all.json().items.map((p: { kind: string }) => p.kind)).toEqual(['ressource', 'veille', 'article', 'question', 'discussion']);
    const veilles = await feed(community.slug, '?kind=veille');
    expect(veilles.json().items.map((p: { id: number }) => p.id)).toEqual([veille.json().id]);
    const tagged = await feed(community.slug, `?tag=${encodeURIComponent('Loi 3DS')}`);
    expect(tagged.json().items.map((p: { id: number }) => p.id)).toEqual([article.json().id]);
    expect((await feed(community.slug, '?kind=article&tag=autre')).json().items).toEqual([]);
  });

  it('refuses bad input for each kind with a clear code', async () => {
    const { community, animator, member } = await setup();
    const cases: Array<[Record<string, string>, Record<string, unknown>, number, string, string?]> = [
      [animator.headers, { kind: 'tribune', title: 't', body: 'b' }, 400, 'VALIDATION_FAILED', 'kind'],
      [animator.headers, { kind: 'article', title: 't', body: 'b' }, 400, 'VALIDATION_FAILED', 'articleType'],
      [animator.headers, { kind: 'article', articleType: 'pamphlet', title: 't', body: 'b' }, 400, 'VALIDATION_FAILED'],
      [animator.headers, { kind: 'veille', title: 't', body: 'b' }, 400, 'VALIDATION_FAILED', 'link.url'],
      [animator.headers, { kind: 'veille', title: 't', body: 'b', link: { url: 'pas une adresse' } }, 400, 'LINK_INVALID_URL', 'link.url'],
      [animator.headers, { kind: 'ressource', title: 't', body: 'b', link: { url: 'ftp://example.org/x' } }, 400, 'LINK_INVALID_URL'],
      [animator.headers, { kind: 'ressource', title: 't', body: 'b', link: { url: 'javascript:alert(1)' } }, 400, 'LINK_INVALID_URL'],
      [animator.headers, { kind: 'discussion', title: 't', body: 'b', articleType: 'autre' }, 400, 'VALIDATION_FAILED', 'articleType'],
      [animator.headers, { title: 't', body: 'b', link: { url: 'https://example.org' } }, 400, 'VALIDATION_FAILED', 'link'],
      [animator.headers, { kind: 'partage', body: 'b' }, 400, 'VALIDATION_FAILED', 'sharedPostId'],
      [animator.headers, { kind: 'partage', body: 'b', sharedPostId: 2 ** 40 }, 404, 'SHARED_POST_NOT_FOUND'],
      [animator.headers, { kind: 'evenement', title: 't', body: 'b' }, 400, 'KIND_HAS_OWN_FORM'],
      [animator.headers, { kind: 'sondage', title: 't', body: 'b' }, 400, 'KIND_HAS_OWN_FORM'],
      [member.headers, { kind: 'article', articleType: 'autre', title: 't', body: 'b' }, 403, 'KIND_RESERVED_TO_STAFF'],
      [member.headers, { kind: 'veille', title: 't', body: 'b', link: { url: 'https://example.org' } }, 403, 'KIND_RESERVED_TO_STAFF'],
      [animator.headers, { title: 't', body: 'b', tags: ['x'.repeat(41)] }, 400, 'VALIDATION_FAILED', 'tags'],
      [animator.headers, { title: 't', body: 'b', tags: Array.from({ length: 11 }, (_, i) => `mot${i}`) }, 400, 'VALIDATION_FAILED', 'tags'],
      [animator.headers, { title: 't', body: 'b', rubriqueId: 2 ** 40 }, 404, 'RUBRIQUE_NOT_FOUND'],
      [animator.headers, { body: 'b' }, 400, 'VALIDATION_FAILED', 'title'],
    ];
    for (const [headers, payload, status, code, field] of cases) {
      const res = await create(community.slug, headers, payload);
      expect(res.statusCode, JSON.stringify(payload) + res.body).toBe(status);
      expect(res.json().code, JSON.stringify(payload)).toBe(code);
      if (field) expect(Object.keys(res.json().fields ?? {}), JSON.stringify(payload)).toContain(field);
    }
    // Duplicates collapse before counting: ten distinct tags written twice are fine.
    const twice = Array.from({ length: 20 }, (_, i) => `Mot${i % 10}`);
    const ok = await create(community.slug, animator.headers, { title: 't', body: 'b', tags: twice });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().tags).toHaveLength(10);

    const badFilters = ['?kind=tribune', '?rubrique=0', `?tag=${'x'.repeat(41)}`, '?rubrique=abc'];
    for (const q of badFilters) {
      const res = await feed(community.slug, q);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('shares a post from another community, showing the original and refusing what cannot be shared', async () => {
    const { community, animator } = await setup();
    const other = await createCommunity(app);
    const otherAuthor = await memberOf(app, other.id, 'member');
    const original = await create(other.slug, otherAuthor.headers, { title: 'Budget participatif', body: 'Notre retour' });
    expect(original.statusCode).toBe(201);

    const share = await create(community.slug, animator.headers, { kind: 'partage', sharedPostId: original.json().id, body: 'À lire : une belle démarche.' });
    expect(share.statusCode, share.body).toBe(201);
    expect(share.json()).toMatchObject({
      kind: 'partage', title: 'Budget participatif', sharedPostId: original.json().id,
      shared: {
        id: original.json().id, title: 'Budget participatif', kind: 'discussion',
        community: { id: other.id, slug: other.slug, name: other.name },
        author: { id: otherAuthor.user.id, firstName: otherAuthor.user.firstName, lastName: otherAuthor.user.lastName },
      },
    });

    const again = await create(community.slug, animator.headers, { kind: 'partage', sharedPostId: original.json().id, body: 'Encore' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_SHARED');

    const own = await create(community.slug, animator.headers, { title: 'Chez nous', body: 'x' });
    const same = await create(community.slug, animator.headers, { kind: 'partage', sharedPostId: own.json().id, body: 'x' });
    expect(same.statusCode).toBe(400);
    expect(same.json().code).toBe('SHARE_SAME_COMMUNITY');

    // A post in a draft community is not readable by this animator: it cannot be shared.
    const draft = await createCommunity(app, { status: 'draft' });
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, 'Brouillon', 'x', 'x') RETURNING id`,
      [draft.id, otherAuthor.user.id],
    );
    const hidden = await create(community.slug, animator.headers, { kind: 'partage', sharedPostId: rows[0]!.id, body: 'x' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('SHARED_POST_NOT_FOUND');

    // Once the original is deleted the partage stays, without the original.
    await app.inject({ method: 'DELETE', url: `/api/posts/${original.json().id}`, headers: otherAuthor.headers });
    const after = await app.inject({ method: 'GET', url: `/api/posts/${share.json().id}` });
    expect(after.json()).toMatchObject({ kind: 'partage', shared: null, sharedPostId: original.json().id });
  });

  it('reclassifies a post (tags, rubrique) without a revision, refusing bad tags and foreign rubriques', async () => {
    const { community, animator, member } = await setup();
    const post = await create(community.slug, member.headers, { title: 'Classer', body: 'b', tags: ['a'] });
    const rubrique = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/rubriques`, headers: animator.headers, payload: { name: 'Outils' } });
    const patch = (payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/posts/${post.json().id}`, headers: member.headers, payload });
    const ok = await patch({ tags: ['Budget', 'QPV'], rubriqueId: rubrique.json().id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ tags: ['budget', 'qpv'], rubrique: { id: rubrique.json().id, name: 'Outils' }, editedAt: null });
    expect((await patch({ tags: ['x'.repeat(41)] })).statusCode).toBe(400);
    const other = await createCommunity(app);
    const otherAnimator = await memberOf(app, other.id, 'animator');
    const foreign = await app.inject({ method: 'POST', url: `/api/communities/${other.slug}/rubriques`, headers: otherAnimator.headers, payload: { name: 'Ailleurs' } });
    expect((await patch({ rubriqueId: foreign.json().id })).json().code).toBe('RUBRIQUE_NOT_FOUND');
    const cleared = await patch({ rubriqueId: null, tags: [] });
    expect(cleared.json()).toMatchObject({ tags: [], rubrique: null });
  });
});
