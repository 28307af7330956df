import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { act } from '../moderation/moderation.fixtures.js';
import { memberOf, signIn } from './posts.fixtures.js';
import type { App } from '../../types.js';

type Item = { id: number; title: string; commentCount: number; usefulCount: number; isNew?: boolean; unreadComments?: number | null; rubrique: { name: string } | null; community: { name: string } };

/**
 * Two instances over one database, each with its own page cache: a write made through one is what the other's
 * cached feed pages show on the next read, and each reader's marks on a shared page are their own.
 */
describe('the feed page cache', async () => {
  const { app: a } = await useTestApp();
  const { app: b } = await useTestApp();

  async function feed(app: App, slug: string, headers: Record<string, string> = {}): Promise<Item[]> {
    const res = await app.inject({ method: 'GET', url: `/api/communities/${slug}/posts`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  }
  async function myFeed(app: App, headers: Record<string, string>): Promise<Item[]> {
    const res = await app.inject({ method: 'GET', url: '/api/feed', headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  }
  async function ok(res: Promise<{ statusCode: number; body: string }>) {
    const r = await res;
    expect(r.statusCode, r.body).toBeLessThan(300);
    return JSON.parse(r.body) as { id: number };
  }

  it('shows every write made through the other instance on the next read', async () => {
    const community = await createCommunity(a);
    const author = await memberOf(a, community.id);
    const reader = await memberOf(a, community.id);
    const animator = await memberOf(a, community.id, 'animator');
    const write = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
      ok(a.inject({ method, url: `/api/${url}`, headers, ...(payload ? { payload } : {}) }));
    const first = await write('POST', `communities/${community.slug}/posts`, author.headers, { title: 'Premier', body: 'Le texte.' });
    // Both instances' pages warm, for anonymous and signed-in readers and « mon fil ».
    for (const app of [a, b]) {
      expect((await feed(app, community.slug)).map((p) => p.title)).toEqual(['Premier']);
      expect((await feed(app, community.slug, reader.headers)).map((p) => p.title)).toEqual(['Premier']);
      expect((await myFeed(app, reader.headers)).map((p) => p.title)).toEqual(['Premier']);
    }
    const hits = b.pageCache.hits;
    await feed(b, community.slug);
    expect(b.pageCache.hits).toBe(hits + 1);

    const second = await write('POST', `communities/${community.slug}/posts`, author.headers, { title: 'Second', body: 'Autre texte.' });
    expect((await feed(b, community.slug)).map((p) => p.id)).toEqual([second.id, first.id]);
    expect((await myFeed(b, reader.headers)).map((p) => p.id)).toEqual([second.id, first.id]);

    const comment = await write('POST', `posts/${first.id}/comments`, reader.headers, { body: 'Un avis.' });
    expect((await feed(b, community.slug))[1]!.commentCount).toBe(1);
    expect((await myFeed(b, reader.headers))[1]!.commentCount).toBe(1);
    await write('DELETE', `comments/${comment.id}`, reader.headers);
    expect((await feed(b, community.slug))[1]!.commentCount).toBe(0);

    await write('PUT', `posts/${first.id}/useful`, reader.headers);
    expect((await feed(b, community.slug))[1]!.usefulCount).toBe(1);
    expect((await myFeed(b, author.headers))[1]!.usefulCount).toBe(1);

    await write('PATCH', `posts/${first.id}`, author.headers, { title: 'Premier, corrigé', body: 'Le texte.' });
    expect((await feed(b, community.slug, reader.headers))[1]!.title).toBe('Premier, corrigé');

    const rubrique = await write('POST', `communities/${community.slug}/rubriques`, animator.headers, { name: 'Outils' });
    await write('PATCH', `posts/${second.id}`, author.headers, { title: 'Second', body: 'Autre texte.', rubriqueId: rubrique.id });
    expect((await feed(b, community.slug))[0]!.rubrique?.name).toBe('Outils');
    await write('PATCH', `rubriques/${rubrique.id}`, animator.headers, { name: 'Boîte à outils' });
    expect((await feed(b, community.slug))[0]!.rubrique?.name).toBe('Boîte à outils');

    const admin = await signIn(a, { nationalRole: 'admin' });
    await write('PATCH', `communities/${community.slug}`, admin.headers, { name: 'Nom nouveau' });
    expect((await feed(b, community.slug))[0]!.community.name).toBe('Nom nouveau');
    expect((await myFeed(b, reader.headers))[0]!.community.name).toBe('Nom nouveau');

    await ok(act(a, 'post', second.id, animator.headers, { action: 'hide', reasonCode: 'spam', message: 'Hors charte' }));
    expect((await feed(b, community.slug)).map((p) => p.id)).toEqual([first.id]);
    expect((await myFeed(b, reader.headers)).map((p) => p.id)).toEqual([first.id]);

    await write('DELETE', `posts/${first.id}`, author.headers);
    expect(await feed(b, community.slug)).toEqual([]);
    expect(await myFeed(b, reader.headers)).toEqual([]);
  });

  it('overlays each reader’s own marks on the one shared page', async () => {
    const community = await createCommunity(a);
    const author = await memberOf(a, community.id);
    const reader = await memberOf(a, community.id);
    const other = await memberOf(a, community.id);
    // Both last visited long before the post (a visit written now is not rewritten within the minute).
    await a.pool.query(
      `INSERT INTO community_visits (user_id, community_id, visited_at, previous_visit_at)
       SELECT u, $1, now(), now() - interval '1 day' FROM unnest($2::bigint[]) u`, [community.id, [reader.user.id, other.user.id]]);
    const post = await ok(a.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Nouvelle', body: 'Texte.' } }));
    await ok(a.inject({ method: 'POST', url: `/api/posts/${post.id}/comments`, headers: author.headers, payload: { body: 'Précision.' } }));
    // The reader opens the post: it is neither new nor unread for them any more, and only for them.
    await ok(a.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers }));

    const mark = (items: Item[]) => items.map((p) => ({ isNew: p.isNew, unreadComments: p.unreadComments }));
    for (const app of [a, b]) {
      expect(mark(await feed(app, community.slug, other.headers))).toEqual([{ isNew: true, unreadComments: null }]);
      const hits = app.pageCache.hits;
      // Served from the page the other member's request cached, with the reader's own marks.
      expect(mark(await feed(app, community.slug, reader.headers))).toEqual([{ isNew: false, unreadComments: 0 }]);
      expect(app.pageCache.hits).toBe(hits + 1);
      expect(mark(await feed(app, community.slug))).toEqual([{ isNew: false, unreadComments: null }]);
      expect(mark(await myFeed(app, other.headers))).toEqual([{ isNew: true, unreadComments: null }]);
      expect(mark(await myFeed(app, reader.headers))).toEqual([{ isNew: false, unreadComments: 0 }]);
      expect(mark(await myFeed(app, other.headers))).toEqual([{ isNew: true, unreadComments: null }]);
    }
    // A new comment: unread for the reader who had opened the post, still nothing read for the other.
    await ok(a.inject({ method: 'POST', url: `/api/posts/${post.id}/comments`, headers: other.headers, payload: { body: 'Merci.' } }));
    expect(mark(await feed(b, community.slug, reader.headers))).toEqual([{ isNew: false, unreadComments: 1 }]);
    expect(mark(await feed(b, community.slug, other.headers))).toEqual([{ isNew: true, unreadComments: null }]);
    // The author's own post is never new to them.
    expect(mark(await feed(b, community.slug, author.headers))).toEqual([{ isNew: false, unreadComments: null }]);
  });
});
