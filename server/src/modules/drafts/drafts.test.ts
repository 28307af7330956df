import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../common/limits.js';
import { createCommunity } from '../../../test/community-factories.js';
import { unique, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

describe('drafts saved as one types', async () => {
  const { app } = await useTestApp();

  const put = (headers: Record<string, string>, place: string, payload: unknown) =>
    app.inject({ method: 'PUT', url: `/api/drafts/${place}`, headers, payload: payload as Record<string, unknown> });
  const get = (headers: Record<string, string> | undefined, place: string) => app.inject({ method: 'GET', url: `/api/drafts/${place}`, ...(headers ? { headers } : {}) });
  const list = (headers: Record<string, string>, query = '') => app.inject({ method: 'GET', url: `/api/drafts${query}`, headers });

  async function postIn(community: { id: number; slug: string }, headers: Record<string, string>) {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers, payload: { title: 'Sujet', body: `Texte ${unique('t')}` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  }

  it('saves, restores on another session, keeps one per place, and is gone once published', async () => {
    const community = await createCommunity(app);
    const me = await memberOf(app, community.id);
    const post = await postIn(community, me.headers);
    expect((await put(me.headers, `comment:${post.id}`, { body: 'Premier jet' })).statusCode).toBe(200);
    const saved = await put(me.headers, `comment:${post.id}`, { body: 'Deuxième jet' });
    expect(saved.json()).toMatchObject({ saved: true });
    // Another device of the same person: a second session.
    const other = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: me.user.email, password: me.password } });
    expect(other.statusCode, other.body).toBe(200);
    const cookie = String(other.headers['set-cookie']).split(';')[0]!;
    const restored = await app.inject({ method: 'GET', url: `/api/drafts/comment:${post.id}`, headers: { cookie } });
    expect(restored.json().draft).toMatchObject({ place: `comment:${post.id}`, body: 'Deuxième jet' });

    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM drafts WHERE user_id = $1', [me.user.id]);
    expect(rows[0].n).toBe(1);
    const comment = await app.inject({ method: 'POST', url: `/api/posts/${post.id}/comments`, headers: me.headers, payload: { body: 'Deuxième jet' } });
    expect(comment.statusCode).toBe(201);
    expect((await get(me.headers, `comment:${post.id}`)).json()).toEqual({ draft: null });
    // A refused comment (the same text again) keeps its draft: it is discarded by the write that publishes it.
    await put(me.headers, `comment:${post.id}`, { body: 'Deuxième jet' });
    const again = await app.inject({ method: 'POST', url: `/api/posts/${post.id}/comments`, headers: me.headers, payload: { body: 'Deuxième jet' } });
    expect(again.statusCode).toBe(409);
    expect((await get(me.headers, `comment:${post.id}`)).json().draft).toMatchObject({ body: 'Deuxième jet' });
    await app.inject({ method: 'DELETE', url: `/api/drafts/comment:${post.id}`, headers: me.headers });

    // A new post in the community: the draft keyed by the community goes when it is published.
    await put(me.headers, `post:${community.id}`, { title: 'Titre en cours', body: 'Corps en cours' });
    expect((await get(me.headers, `post:${community.id}`)).json().draft).toMatchObject({ title: 'Titre en cours' });
    await postIn(community, me.headers);
    expect((await get(me.headers, `post:${community.id}`)).json()).toEqual({ draft: null });

    // An empty text removes the draft.
    await put(me.headers, `comment:${post.id}`, { body: 'x' });
    expect((await put(me.headers, `comment:${post.id}`, { body: '  ' })).json()).toEqual({ saved: false, updatedAt: null });
    expect((await get(me.headers, `comment:${post.id}`)).json()).toEqual({ draft: null });
  });

  it('is reachable by its owner only', async () => {
    const community = await createCommunity(app);
    const owner = await memberOf(app, community.id);
    const other = await memberOf(app, community.id);
    const post = await postIn(community, owner.headers);
    await put(owner.headers, `comment:${post.id}`, { body: 'Secret' });
    expect((await get(other.headers, `comment:${post.id}`)).json()).toEqual({ draft: null });
    expect((await list(other.headers)).json().items).toEqual([]);
    // Someone else deleting "their" draft at that place leaves the owner's.
    await app.inject({ method: 'DELETE', url: `/api/drafts/comment:${post.id}`, headers: other.headers });
    expect((await get(owner.headers, `comment:${post.id}`)).json().draft.body).toBe('Secret');
    const anonymous = await get(undefined, `comment:${post.id}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad places and oversized text with French errors', async () => {
    const me = await signIn(app);
    for (const place of ['nowhere:1', 'comment:0', 'comment:abc', 'report:1:unknown', `comment:${'9'.repeat(20)}`]) {
      const res = await put(me.headers, place, { body: 'x' });
      expect(res.statusCode, place).toBe(400);
      expect(res.json().message).toMatch(/[a-zé]/);
    }
    const big = await put(me.headers, 'comment:1', { body: 'é'.repeat(LIMITS.draftBody + 1) });
    expect(big.statusCode).toBe(400);
    expect((await put(me.headers, 'comment:1', { body: { text: 'x' } })).statusCode).toBe(400);
    expect((await put(me.headers, 'comment:1', { body: 'x', extra: 1 })).statusCode).toBe(400);
  });

  it('stops at the per-person limit but keeps updating existing drafts', async () => {
    const me = await signIn(app);
    await app.pool.query(
      `INSERT INTO drafts (user_id, place, body) SELECT $1, 'message:' || g, 'x' FROM generate_series(1, $2::int) g`,
      [me.user.id, LIMITS.draftsPerUser],
    );
    const full = await put(me.headers, 'comment:1', { body: 'un de trop' });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('DRAFTS_FULL');
    expect((await put(me.headers, 'message:1', { body: 'mis à jour' })).statusCode).toBe(200);
  });

  it('lists drafts by cursor, saying in French where one can no longer be published', async () => {
    const community = await createCommunity(app);
    const me = await memberOf(app, community.id);
    const author = await memberOf(app, community.id);
    const kept = await postIn(community, author.headers);
    const gone = await postIn(community, author.headers);
    await put(me.headers, `comment:${kept.id}`, { body: 'Sur une publication en ligne' });
    await put(me.headers, `comment:${gone.id}`, { body: 'Sur une publication supprimée' });
    await put(me.headers, `post:${community.id}`, { title: 'Sujet', body: 'Une nouvelle publication' });
    expect((await app.inject({ method: 'DELETE', url: `/api/posts/${gone.id}`, headers: author.headers })).statusCode).toBe(200);

    const first = await list(me.headers, '?limit=2');
    expect(first.statusCode).toBe(200);
    const second = await list(me.headers, `?limit=2&cursor=${first.json().nextCursor}`);
    const items = [...first.json().items, ...second.json().items];
    expect(second.json().nextCursor).toBeNull();
    expect(items.map((d: { place: string }) => d.place)).toEqual([`post:${community.id}`, `comment:${gone.id}`, `comment:${kept.id}`]);
    const byPlace = Object.fromEntries(items.map((d: { place: string; unavailable: string | null }) => [d.place, d]));
    expect(byPlace[`comment:${kept.id}`]).toMatchObject({ unavailable: null, target: { label: 'Sujet', url: `/publications/${kept.id}` } });
    expect(byPlace[`comment:${gone.id}`]).toMatchObject({ target: null, excerpt: 'Sur une publication supprimée' });
    expect(byPlace[`comment:${gone.id}`]?.unavailable).toMatch(/publication a été supprimée/);

    // Leaving the community: the draft stays, marked as no longer publishable there.
    expect((await app.inject({ method: 'DELETE', url: `/api/communities/${community.slug}/membership`, headers: me.headers })).statusCode).toBe(200);
    const after = (await list(me.headers)).json().items as Array<{ place: string; unavailable: string | null }>;
    expect(after).toHaveLength(3);
    expect(after.find((d) => d.place === `post:${community.id}`)!.unavailable).toMatch(/plus membre/);
    expect(after.find((d) => d.place === `comment:${kept.id}`)!.unavailable).toMatch(/plus membre/);
    expect((await list(me.headers, '?cursor=nope')).json().code).toBe('INVALID_CURSOR');
  });

  it('leaves with the account and comes in the export', async () => {
    const me = await signIn(app);
    await put(me.headers, 'comment:1', { body: 'À exporter' });
    const exported = await app.inject({ method: 'GET', url: '/api/me/export', headers: me.headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('À exporter');
  });
});
