import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../common/limits.js';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from './posts.fixtures.js';

describe('rubriques and related communities', async () => {
  const { app } = await useTestApp();

  it('lets staff create, rename, reorder and delete rubriques; posts and feed use them', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id, 'member');
    const url = `/api/communities/${community.slug}/rubriques`;

    const names = ['Veille juridique', 'Retours d’expérience', 'Outils'];
    const ids: number[] = [];
    for (const name of names) {
      const res = await app.inject({ method: 'POST', url, headers: animator.headers, payload: { name } });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const dup = await app.inject({ method: 'POST', url, headers: animator.headers, payload: { name: 'OUTILS' } });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'RUBRIQUE_NAME_TAKEN']);
    const byMember = await app.inject({ method: 'POST', url, headers: member.headers, payload: { name: 'Autre' } });
    expect(byMember.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, payload: { name: 'Autre' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url, headers: animator.headers, payload: { name: ' ' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url, headers: animator.headers, payload: { name: 'x'.repeat(LIMITS.rubriqueName + 1) } })).statusCode).toBe(400);

    const moved = await app.inject({ method: 'PATCH', url: `/api/rubriques/${ids[2]}`, headers: animator.headers, payload: { position: 0, name: 'Boîte à outils' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().items.map((r: { name: string }) => r.name)).toEqual(['Boîte à outils', 'Veille juridique', 'Retours d’expérience']);
    expect(moved.json().items.map((r: { position: number }) => r.position)).toEqual([0, 1, 2]);
    expect((await app.inject({ method: 'PATCH', url: `/api/rubriques/${ids[0]}`, headers: member.headers, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/rubriques/${2 ** 40}`, headers: animator.headers, payload: { name: 'x' } })).statusCode).toBe(404);

    // Staff of another community cannot touch these rubriques, nor use them in their posts.
    const other = await createCommunity(app);
    const otherAnimator = await memberOf(app, other.id, 'animator');
    expect((await app.inject({ method: 'DELETE', url: `/api/rubriques/${ids[0]}`, headers: otherAnimator.headers })).statusCode).toBe(403);
    const foreign = await app.inject({ method: 'POST', url: `/api/communities/${other.slug}/posts`, headers: otherAnimator.headers, payload: { title: 't', body: 'b', rubriqueId: ids[0] } });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'RUBRIQUE_NOT_FOUND']);

    const post = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: member.headers, payload: { title: 'Un décret', body: 'b', rubriqueId: ids[0] } });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().rubrique).toEqual({ id: ids[0], name: 'Veille juridique' });
    await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: member.headers, payload: { title: 'Autre chose', body: 'b' } });
    const filtered = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/posts?rubrique=${ids[0]}` });
    expect(filtered.json().items.map((p: { id: number }) => p.id)).toEqual([post.json().id]);
    const list = await app.inject({ method: 'GET', url });
    expect(list.json().items.find((r: { id: number }) => r.id === ids[0]).postCount).toBe(1);

    const removed = await app.inject({ method: 'DELETE', url: `/api/rubriques/${ids[0]}`, headers: animator.headers });
    expect(removed.statusCode).toBe(200);
    const kept = await app.inject({ method: 'GET', url: `/api/posts/${post.json().id}` });
    expect(kept.json().rubrique).toBeNull();
    expect((await app.inject({ method: 'DELETE', url: `/api/rubriques/${ids[0]}`, headers: animator.headers })).statusCode).toBe(404);
  });

  it('shows recent posts of related communities in one list and marks what was already shared', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const a = await createCommunity(app);
    const b = await createCommunity(app);
    const draft = await createCommunity(app, { status: 'draft' });
    const unrelated = await createCommunity(app);
    for (const other of [a, b, draft]) {
      await app.pool.query('INSERT INTO community_relations (community_id, related_id) VALUES ($1, $2), ($2, $1)', [community.id, other.id]);
    }
    const writer = await signIn(app);
    const titles: string[] = [];
    for (const [c, n] of [[a, 5], [b, 2], [draft, 1], [unrelated, 1]] as const) {
      for (let i = 0; i < n; i += 1) {
        const title = `${c.slug} ${i}`;
        await app.pool.query(`INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, $3, 'x', 'x')`, [c.id, writer.user.id, title]);
        titles.push(title);
      }
    }
    const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/related-posts` });
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json().items.map((i: { post: { title: string } }) => i.post.title);
    // Three newest per related community, drafts left out, newest first.
    expect(got).toEqual([`${b.slug} 1`, `${b.slug} 0`, `${a.slug} 4`, `${a.slug} 3`, `${a.slug} 2`]);

    const target = res.json().items[0].post;
    const share = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: animator.headers, payload: { kind: 'partage', sharedPostId: target.id, body: 'Utile pour nous aussi.' } });
    expect(share.statusCode, share.body).toBe(201);
    const after = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/related-posts` });
    expect(after.json().items.filter((i: { sharedHere: boolean }) => i.sharedHere).map((i: { post: { id: number } }) => i.post.id)).toEqual([target.id]);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}/related-posts` })).statusCode).toBe(404);
  });
});
