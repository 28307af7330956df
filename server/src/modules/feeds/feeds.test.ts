import { describe, expect, it } from 'vitest';
import { parseAtom } from '../../../test/feed-parsers.js';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { insertPost } from '../posts/service.js';

describe('Atom feeds', async () => {
  const { app } = await useTestApp();

  it('community feed: public posts only, escaped, absolute links', async () => {
    const c = await createCommunity(app, { name: 'Flux <Eau> & Assainissement' });
    const author = await memberOf(app, c.id, 'member', { firstName: 'Zoé', lastName: 'O’Brien & Co' });
    const visible = await insertPost(app.db, c.id, author.user.id, { title: 'Tarifs <2026> & "redevance"', body: 'Le **prix** de l’eau.\n\n![Courbe des tarifs](/api/attachments/12/courbe.png)' });
    const deleted = await insertPost(app.db, c.id, author.user.id, { title: 'Supprimée', body: 'x' });
    const hidden = await insertPost(app.db, c.id, author.user.id, { title: 'Masquée', body: 'x' });
    await app.pool.query('UPDATE posts SET deleted_at = now() WHERE id = $1', [deleted]);
    await app.pool.query(`UPDATE posts SET hidden_at = now(), hidden_reason = 'x' WHERE id = $1`, [hidden]);

    const res = await app.inject({ method: 'GET', url: `/api/communities/${c.slug}/feed.atom` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    // Read back as a feed reader would: strict XML first, then the Atom semantics.
    const feed = parseAtom(res.body);
    expect(feed.meta.type).toBe('atom');
    expect(feed.language).toBe('fr');
    expect(feed.title).toBe('Flux <Eau> & Assainissement — e-communautés');
    expect(feed.self).toBe(`http://localhost:3000/api/communities/${c.slug}/feed.atom`);
    expect(feed.url).toBe(`http://localhost:3000/communautes/${c.slug}`);
    expect(feed.items).toHaveLength(1);
    const [entry] = feed.items;
    expect(entry!.title).toBe('Tarifs <2026> & "redevance"');
    expect(entry!.id).toBe(`http://localhost:3000/publications/${visible}`);
    expect(entry!.url).toBe(`http://localhost:3000/publications/${visible}`);
    expect(entry!.authors.map((a) => a.name)).toEqual(['Zoé O’Brien & Co']);
    expect(entry!.content).toContain('<strong>prix</strong>');
    // An image uploaded into the text is read from the site, not from the feed reader's.
    expect(entry!.content).toContain('<img src="http://localhost:3000/api/attachments/12/courbe.png" alt="Courbe des tarifs" />');
    expect(entry!.published).toBeInstanceOf(Date);
    expect(entry!.updated!.getTime()).toBeGreaterThanOrEqual(entry!.published!.getTime());
    expect(feed.updated!.getTime()).toBe(entry!.updated!.getTime());
  });

  it('no feed for a draft community or an unknown one', async () => {
    const draft = await createCommunity(app, { status: 'draft' });
    expect((await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}/feed.atom` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/communities/inconnue-xyz/feed.atom' })).statusCode).toBe(404);
  });

  it('dossier feed: its public posts; 404 for a dossier of a draft community; 400 for a bad id', async () => {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    const p1 = await insertPost(app.db, c.id, animator.user.id, { title: 'Guide des marchés publics', body: 'Texte' });
    const p2 = await insertPost(app.db, c.id, animator.user.id, { title: 'Retirée', body: 'Texte' });
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO dossiers (community_id, title, intro_md, created_by, item_count) VALUES ($1, 'Commande publique', 'Intro', $2, 2) RETURNING id`,
      [c.id, animator.user.id]);
    const dossierId = rows[0]!.id;
    await app.pool.query('INSERT INTO dossier_items (dossier_id, post_id, position) VALUES ($1, $2, 1), ($1, $3, 2)', [dossierId, p1, p2]);
    await app.pool.query('UPDATE posts SET deleted_at = now() WHERE id = $1', [p2]);
    const res = await app.inject({ method: 'GET', url: `/api/dossiers/${dossierId}/feed.atom` });
    expect(res.statusCode).toBe(200);
    const feed = parseAtom(res.body);
    expect(feed.items.map((i) => i.title)).toEqual(['Guide des marchés publics']);
    expect(feed.url).toBe(`http://localhost:3000/communautes/${c.slug}/dossiers/${dossierId}`);

    const draft = await createCommunity(app, { status: 'draft' });
    const d2 = await app.pool.query<{ id: number }>(
      `INSERT INTO dossiers (community_id, title, created_by) VALUES ($1, 'Brouillon', $2) RETURNING id`, [draft.id, animator.user.id]);
    expect((await app.inject({ method: 'GET', url: `/api/dossiers/${d2.rows[0]!.id}/feed.atom` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/dossiers/abc/feed.atom' })).statusCode).toBe(400);
  });
});
