import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';

describe('GET /api/communities/:slug/posts/suggest?related=true (citing in an answer)', async () => {
  const { app } = await useTestApp();

  it('adds the posts of the related communities the person may read, named by community, own community first', async () => {
    const home = await createCommunity(app);
    const related = await createCommunity(app, { name: 'Finances locales voisine' });
    const draft = await createCommunity(app);
    const unrelated = await createCommunity(app);
    await app.pool.query('INSERT INTO community_relations (community_id, related_id) VALUES ($1, $2), ($1, $3)', [home.id, related.id, draft.id]);
    const animator = await memberOf(app, home.id, 'animator');
    const post = async (communityId: number, slug: string, title: string, kind = 'discussion') => {
      const author = await memberOf(app, communityId, 'animator');
      const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers: author.headers, payload: { kind, title, body: 'Texte' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const own = await post(home.id, home.slug, 'Guide du compte épargne-temps');
    const neighbour = await post(related.id, related.slug, 'Fiche CNFPT : compte epargne-temps', 'discussion');
    const hidden = await post(draft.id, draft.slug, 'Compte épargne-temps (brouillon)');
    await app.pool.query(`UPDATE communities SET status = 'draft' WHERE id = $1`, [draft.id]);
    await post(unrelated.id, unrelated.slug, 'Compte épargne-temps ailleurs');

    const suggest = (extra: string) => app.inject({ method: 'GET', url: `/api/communities/${home.slug}/posts/suggest?q=EPARGNE${extra}`, headers: animator.headers });
    const alone = (await suggest('')).json().items;
    expect(alone.map((i: { id: number }) => i.id)).toEqual([own]);
    const wide = (await suggest('&related=true')).json().items;
    expect(wide.map((i: { id: number }) => i.id)).toEqual([own, neighbour]);
    expect(wide[1].community).toEqual({ slug: related.slug, name: 'Finances locales voisine' });
    expect(wide.map((i: { id: number }) => i.id)).not.toContain(hidden);
    expect((await suggest('&related=peut-etre')).statusCode).toBe(400);
  });
});
