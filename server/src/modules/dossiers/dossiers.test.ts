import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf } from '../posts/posts.fixtures.js';

describe('dossiers', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id);
    const post = async (title: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: member.headers, payload: { title, body: 'Texte.' } });
      return res.json().id as number;
    };
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/dossiers`, headers: animator.headers,
      payload: { title: 'Renouvellement urbain', intro: 'Les **essentiels** du NPNRU.', coverUrl: 'https://exemple.fr/couv.jpg', coverAlt: 'Chantier de rénovation' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { community, animator, member, post, dossier: res.json() };
  }

  it('creates a dossier with a rendered introduction and a cover, lists it, reads it', async () => {
    const { community, dossier } = await setup();
    expect(dossier).toMatchObject({ introHtml: '<p>Les <strong>essentiels</strong> du NPNRU.</p>\n', cover: { url: 'https://exemple.fr/couv.jpg', alt: 'Chantier de rénovation' }, items: [], can: { edit: true } });
    const list = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/dossiers` });
    expect(list.json().items[0]).toMatchObject({ id: dossier.id, excerpt: 'Les essentiels du NPNRU.', itemCount: 0 });
    const anon = await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.id}` });
    expect(anon.json().can).toEqual({ edit: false, delete: false });
  });

  it('adds posts, reorders them and removes one', async () => {
    const { animator, post, dossier } = await setup();
    const a = await post('Premier');
    const b = await post('Second');
    const add = (postId: number) => app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/items`, headers: animator.headers, payload: { postId, note: 'À lire' } });
    expect((await add(a)).statusCode).toBe(201);
    const added = await add(b);
    expect(added.json().items.map((i: { post: { id: number } }) => i.post.id)).toEqual([a, b]);
    const again = await add(a);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_IN_DOSSIER');
    const order = await app.inject({ method: 'PUT', url: `/api/dossiers/${dossier.id}/order`, headers: animator.headers, payload: { postIds: [b, a] } });
    expect(order.json().items.map((i: { post: { title: string } }) => i.post.title)).toEqual(['Second', 'Premier']);
    const stale = await app.inject({ method: 'PUT', url: `/api/dossiers/${dossier.id}/order`, headers: animator.headers, payload: { postIds: [b] } });
    expect(stale.statusCode).toBe(409);
    const removed = await app.inject({ method: 'DELETE', url: `/api/dossiers/${dossier.id}/items/${b}`, headers: animator.headers });
    expect(removed.json().items).toHaveLength(1);
    const gone = await app.inject({ method: 'DELETE', url: `/api/dossiers/${dossier.id}/items/${b}`, headers: animator.headers });
    expect(gone.statusCode).toBe(404);
    const { rows } = await app.pool.query('SELECT item_count FROM dossiers WHERE id = $1', [dossier.id]);
    expect(rows[0].item_count).toBe(1);
  });

  it('refuses posts of another community and bad input', async () => {
    const { animator, member, dossier, community } = await setup();
    const other = await setup();
    const foreign = await other.post('Ailleurs');
    const res = await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/items`, headers: animator.headers, payload: { postId: foreign } });
    expect(res.statusCode).toBe(400);
    const url = `/api/communities/${community.slug}/dossiers`;
    for (const payload of [
      { title: '' },
      { title: 'Sans alt', coverUrl: 'https://exemple.fr/a.png' },
      { title: 'Alt vide', coverUrl: 'https://exemple.fr/a.png', coverAlt: '  ' },
      { title: 'HTTP', coverUrl: 'http://exemple.fr/a.png', coverAlt: 'x' },
      { title: 'JS', coverUrl: 'javascript:alert(1)', coverAlt: 'x' },
      { title: 'x', extra: 1 },
    ]) {
      const r = await app.inject({ method: 'POST', url, headers: animator.headers, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await app.inject({ method: 'POST', url, headers: member.headers, payload: { title: 'Membre' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, payload: { title: 'Anonyme' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PATCH', url: `/api/dossiers/${dossier.id}`, headers: member.headers, payload: { title: 'x' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/dossiers/999999999' })).statusCode).toBe(404);
    const removeAlt = await app.inject({ method: 'PATCH', url: `/api/dossiers/${dossier.id}`, headers: animator.headers, payload: { coverAlt: '' } });
    expect(removeAlt.statusCode).toBe(400);
    const noCover = await app.inject({ method: 'PATCH', url: `/api/dossiers/${dossier.id}`, headers: animator.headers, payload: { coverUrl: null, title: 'Nouveau titre' } });
    expect(noCover.json()).toMatchObject({ cover: null, title: 'Nouveau titre' });
  });

  it('finds candidate posts by title, accent-insensitive, for staff only', async () => {
    const { animator, member, post, community } = await setup();
    await post('Élus et habitants');
    await post('Autre sujet');
    const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/dossier-candidates?q=elus`, headers: animator.headers });
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['Élus et habitants']);
    const percent = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/dossier-candidates?q=%25`, headers: animator.headers });
    expect(percent.json().items).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/dossier-candidates`, headers: member.headers })).statusCode).toBe(403);
  });

  it('deletes a dossier, keeping its posts', async () => {
    const { animator, post, dossier } = await setup();
    const a = await post('Reste');
    await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/items`, headers: animator.headers, payload: { postId: a } });
    const res = await app.inject({ method: 'DELETE', url: `/api/dossiers/${dossier.id}`, headers: animator.headers });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${a}` })).statusCode).toBe(200);
  });
});
