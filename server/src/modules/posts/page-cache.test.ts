import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { act } from '../moderation/moderation.fixtures.js';
import { memberOf } from './posts.fixtures.js';
import { PostPageCache, type PostPage } from './page-cache.js';
import { ByteLru, estimateBytes } from '../../lib/byte-lru.js';
import type { PostStateRow } from './post-state.js';
import type { App } from '../../types.js';

function state(id: number, version: string): PostStateRow {
  return {
    id, version, kind: 'discussion', author_id: 1, community_id: 1, community_status: 'open',
    my_role: null, useful_by_me: false, hidden: false,
  };
}
function page(version: string, loadedAt = Date.now()): PostPage {
  return { version, loadedAt, post: {} as PostPage['post'], comments: [], commentAuthors: new Set(), serialized: new Map() };
}

describe('PostPageCache', () => {
  it('serves an entry only for the version it was loaded at, and within its lifetime', () => {
    const cache = new PostPageCache(new ByteLru(1 << 20), 30_000);
    cache.set(1, page('100', 0));
    expect(cache.get(state(1, '100'), 1_000)).toBeDefined();
    expect(cache.get(state(1, '100'), 31_000)).toBeUndefined();
    cache.set(1, page('100', 0));
    expect(cache.get(state(1, '101'), 1_000)).toBeUndefined();
    // A mismatch drops the entry: the older version is never served again.
    expect(cache.get(state(1, '100'), 1_000)).toBeUndefined();
  });

  it('keeps at most its bytes, dropping the least recently read', () => {
    const lru = new ByteLru<unknown>(2 * estimateBytes({ post: {}, comments: [] }));
    const cache = new PostPageCache(lru, 30_000);
    cache.set(1, page('a'));
    cache.set(2, page('b'));
    cache.get(state(1, 'a'));
    cache.set(3, page('c'));
    expect(lru.size).toBe(2);
    expect(cache.get(state(2, 'b'))).toBeUndefined();
    expect(cache.get(state(1, 'a'))).toBeDefined();
    // What is serialized from a page later counts too.
    cache.grew(1, 1);
    expect(lru.size).toBe(1);
    expect(lru.bytes).toBeLessThanOrEqual(lru.maxBytes);
  });
});

/**
 * Two instances over one database, each with its own page cache: whatever changes through one is
 * what the other serves on the next read, and the per-reader parts never leak between readers.
 */
describe('the post page across two instances', async () => {
  const { app: a } = await useTestApp();
  const { app: b } = await useTestApp();

  async function read(app: App, postId: number, headers: Record<string, string>) {
    const res = await app.inject({ method: 'GET', url: `/api/posts/${postId}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      title: string; usefulCount: number; usefulByMe: boolean; can: { edit: boolean };
      comments: { items: { id: number; bodyMd: string; deleted: boolean; can: { edit: boolean; delete: boolean }; hidden: unknown }[] };
    };
  }

  it('shows every change made through the other instance at once', async () => {
    const community = await createCommunity(a);
    const author = await memberOf(a, community.id);
    const reader = await memberOf(a, community.id);
    const other = await memberOf(a, community.id);
    const animator = await memberOf(a, community.id, 'animator');
    const created = await a.inject({
      method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers,
      payload: { title: 'Avant', body: 'Le texte.' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const postId = (created.json() as { id: number }).id;
    // Both caches warm.
    expect((await read(a, postId, reader.headers)).comments.items).toHaveLength(0);
    expect((await read(b, postId, reader.headers)).comments.items).toHaveLength(0);

    const posted = await a.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: reader.headers, payload: { body: 'Premier avis' } });
    expect(posted.statusCode, posted.body).toBe(201);
    const commentId = (posted.json() as { id: number }).id;
    let seen = await read(b, postId, other.headers);
    expect(seen.comments.items.map((c) => c.bodyMd)).toEqual(['Premier avis']);
    // The same cached page, its abilities computed for each reader.
    expect(seen.comments.items[0]!.can.edit).toBe(false);
    expect((await read(b, postId, reader.headers)).comments.items[0]!.can.edit).toBe(true);
    // Readers of another kind get their own serialization of the same page.
    expect((await read(b, postId, animator.headers)).comments.items[0]!.can).toEqual({ edit: false, delete: true, moderate: true });
    expect((await read(b, postId, other.headers)).comments.items[0]!.can).toEqual({ edit: false, delete: false, moderate: false });

    // The comments route reads its first page from the same cached page, with each reader's abilities.
    const listed = async (headers: Record<string, string>) =>
      (await b.inject({ method: 'GET', url: `/api/posts/${postId}/comments?limit=10`, headers })).json().items as { bodyMd: string; can: { edit: boolean } }[];
    expect((await listed(reader.headers)).map((c) => [c.bodyMd, c.can.edit])).toEqual([['Premier avis', true]]);
    expect((await listed(other.headers)).map((c) => [c.bodyMd, c.can.edit])).toEqual([['Premier avis', false]]);

    const edited = await a.inject({ method: 'PATCH', url: `/api/comments/${commentId}`, headers: reader.headers, payload: { body: 'Avis corrigé' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await read(b, postId, other.headers)).comments.items[0]!.bodyMd).toBe('Avis corrigé');
    expect((await listed(other.headers))[0]!.bodyMd).toBe('Avis corrigé');

    const hidden = await act(a, 'comment', commentId, animator.headers, { action: 'hide', reasonCode: 'spam', message: 'Hors charte' });
    expect(hidden.statusCode, hidden.body).toBeLessThan(300);
    seen = await read(b, postId, other.headers);
    expect(seen.comments.items[0]!.bodyMd).toBe('');
    expect(seen.comments.items[0]!.hidden).not.toBeNull();
    expect((await read(b, postId, animator.headers)).comments.items[0]!.bodyMd).toBe('Avis corrigé');

    const renamed = await a.inject({ method: 'PATCH', url: `/api/posts/${postId}`, headers: author.headers, payload: { title: 'Après', body: 'Le texte.' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await read(b, postId, other.headers)).title).toBe('Après');

    const useful = await a.inject({ method: 'PUT', url: `/api/posts/${postId}/useful`, headers: reader.headers });
    expect(useful.statusCode, useful.body).toBe(200);
    const mine = await read(b, postId, reader.headers);
    const theirs = await read(b, postId, other.headers);
    expect([mine.usefulCount, mine.usefulByMe]).toEqual([1, true]);
    expect([theirs.usefulCount, theirs.usefulByMe]).toEqual([1, false]);

    const removed = await b.inject({ method: 'DELETE', url: `/api/posts/${postId}`, headers: author.headers });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await a.inject({ method: 'GET', url: `/api/posts/${postId}`, headers: other.headers })).statusCode).toBe(404);
  });

  it('reads a missed page, the post and its first comments, in one statement', async () => {
    const community = await createCommunity(a);
    const author = await memberOf(a, community.id);
    const reader = await memberOf(a, community.id, 'member', { firstName: 'Inès' });
    const animator = await memberOf(a, community.id, 'animator');
    const created = await a.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Une page', body: 'Le texte.' } });
    const postId = (created.json() as { id: number }).id;
    const ids: number[] = [];
    for (const body of ['Premier', 'Deuxième', 'Troisième']) {
      const res = await a.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: reader.headers, payload: { body, ...(ids[0] ? { replyToId: ids[0] } : {}) } });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: number }).id);
    }
    await act(a, 'comment', ids[1]!, animator.headers, { action: 'hide', reasonCode: 'spam', message: 'Hors charte' });

    // The statements that read comments while instance b, whose cache has never seen this post, serves the page.
    const reads: string[] = [];
    const original = b.pool.query.bind(b.pool);
    (b.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      const text = typeof q === 'string' ? q : q.text;
      if (/FROM comments k/.test(text)) reads.push(text);
      return (original as (...x: unknown[]) => unknown)(...args);
    };
    let seen: Awaited<ReturnType<typeof read>>;
    try {
      seen = await read(b, postId, author.headers);
    } finally {
      (b.pool as unknown as { query: unknown }).query = original;
    }
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/FROM posts p/);
    // The comments as the comment route's own statement gives them: in order, the reply's target, the author, the mask.
    expect(seen.title).toBe('Une page');
    expect(seen.comments.items.map((c) => c.id)).toEqual(ids);
    const first = await b.inject({ method: 'GET', url: `/api/posts/${postId}/comments?limit=1`, headers: author.headers });
    const after = (first.json() as { nextCursor: string }).nextCursor;
    const listed = await b.inject({ method: 'GET', url: `/api/posts/${postId}/comments?cursor=${encodeURIComponent(after)}`, headers: author.headers });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(seen.comments.items.slice(1)).toEqual((listed.json() as { items: unknown[] }).items);
  });

  it('loads a missed page once for the readers who arrive together', async () => {
    const community = await createCommunity(b);
    const author = await memberOf(b, community.id);
    const readers = await Promise.all([1, 2, 3, 4].map(() => memberOf(b, community.id)));
    const created = await a.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Très lue', body: 'Le texte.' } });
    const postId = (created.json() as { id: number }).id;
    await a.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: readers[0]!.headers, payload: { body: 'Un avis' } });

    let loads = 0;
    const original = b.pool.query.bind(b.pool);
    (b.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      if (/FROM comments k/.test(typeof q === 'string' ? q : q.text)) loads += 1;
      return (original as (...x: unknown[]) => unknown)(...args);
    };
    let pages: Awaited<ReturnType<typeof read>>[];
    try {
      pages = await Promise.all([author, ...readers].map((m) => read(b, postId, m.headers)));
    } finally {
      (b.pool as unknown as { query: unknown }).query = original;
    }
    expect(loads).toBe(1);
    // Each reader's own part still theirs: only the comment's author may edit it.
    expect(pages.map((p) => p.comments.items[0]!.can.edit)).toEqual([false, true, false, false, false]);
    expect(pages.map((p) => p.can.edit)).toEqual([true, false, false, false, false]);
  });
});

