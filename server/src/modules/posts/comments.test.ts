import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from './posts.fixtures.js';
import type { App } from '../../types.js';

async function counts(app: App, postId: number) {
  const { rows } = await app.pool.query<{ comment_count: number; useful_count: number }>(
    'SELECT comment_count, useful_count FROM posts WHERE id = $1', [postId]);
  return rows[0]!;
}

describe('comments and the useful reaction', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Question', body: 'Qui a un modèle ?' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { community, author, post: res.json() as { id: number } };
  }

  function comment(postId: number, headers: Record<string, string>, payload: Record<string, unknown>) {
    return app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers, payload });
  }

  it('threads replies, lists oldest first by cursor, and keeps comment_count exact', async () => {
    const { community, author, post } = await setup();
    const reader = await memberOf(app, community.id);
    const first = await comment(post.id, reader.headers, { body: 'Moi, **voici**' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      postId: post.id, replyToId: null, bodyMd: 'Moi, **voici**', deleted: false, editedAt: null,
      author: { id: reader.user.id }, can: { edit: true, delete: true },
    });
    expect(first.json().bodyHtml).toContain('<strong>voici</strong>');
    const reply = await comment(post.id, author.headers, { body: 'Merci !', replyToId: first.json().id });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().replyToId).toBe(first.json().id);
    for (let i = 0; i < 3; i += 1) expect((await comment(post.id, reader.headers, { body: `n°${i}` })).statusCode).toBe(201);
    expect((await counts(app, post.id)).comment_count).toBe(5);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await app.inject({
        method: 'GET', url: `/api/posts/${post.id}/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((c: { id: number }) => c.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBe(first.json().id);

    // The post page is one request: the post carries the first page of its comments.
    const page = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    expect(page.statusCode).toBe(200);
    expect(page.json().comments.items.map((c: { id: number }) => c.id)).toEqual(seen);
    expect(page.json().comments.nextCursor).toBeNull();
    expect(page.json().comments.items[0]).toMatchObject({ bodyMd: 'Moi, **voici**', can: { edit: true, delete: true } });

    const fromPost = await app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(fromPost.json().commentCount).toBe(5);
  });

  it('refuses a reply to a comment of another post, and comments from outsiders', async () => {
    const a = await setup();
    const b = await setup();
    const other = await comment(b.post.id, b.author.headers, { body: 'Ailleurs' });
    const res = await comment(a.post.id, a.author.headers, { body: 'Réponse', replyToId: other.json().id });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { replyToId: expect.any(String) } });
    expect((await comment(a.post.id, a.author.headers, { body: 'x', replyToId: 999999999 })).statusCode).toBe(400);
    expect((await counts(app, a.post.id)).comment_count).toBe(0);

    expect((await comment(a.post.id, {}, { body: 'anonyme' })).statusCode).toBe(401);
    const outsider = await signIn(app);
    const refused = await comment(a.post.id, outsider.headers, { body: 'Hors communauté' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('NOT_MEMBER');
    expect((await comment(999999999, a.author.headers, { body: 'x' })).statusCode).toBe(404);
  });

  it('edits by the author only, deletes by author or moderator, keeping the place', async () => {
    const { community, author, post } = await setup();
    const reader = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const c1 = (await comment(post.id, reader.headers, { body: 'Premier' })).json();
    const c2 = (await comment(post.id, reader.headers, { body: 'Second' })).json();

    const byOther = await app.inject({ method: 'PATCH', url: `/api/comments/${c1.id}`, headers: author.headers, payload: { body: 'Non' } });
    expect(byOther.statusCode).toBe(403);
    const edited = await app.inject({ method: 'PATCH', url: `/api/comments/${c1.id}`, headers: reader.headers, payload: { body: 'Premier _corrigé_' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ bodyMd: 'Premier _corrigé_', editedAt: expect.any(String) });

    expect((await app.inject({ method: 'DELETE', url: `/api/comments/${c1.id}`, headers: author.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/comments/${c1.id}`, headers: reader.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/comments/${c2.id}`, headers: animator.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/comments/${c2.id}`, headers: animator.headers })).statusCode).toBe(404);
    expect((await counts(app, post.id)).comment_count).toBe(0);

    const list = await app.inject({ method: 'GET', url: `/api/posts/${post.id}/comments`, headers: reader.headers });
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: c1.id, deleted: true, bodyMd: '', bodyHtml: '', can: { edit: false, delete: false, moderate: false } }),
      expect.objectContaining({ id: c2.id, deleted: true, bodyMd: '', bodyHtml: '' }),
    ]);
    expect((await app.inject({ method: 'PATCH', url: '/api/comments/999999999', headers: reader.headers, payload: { body: 'x' } })).statusCode).toBe(404);
  });

  it('serves the first page of comments to each kind of reader with its own abilities and masks', async () => {
    const { community, post } = await setup();
    const writer = await memberOf(app, community.id);
    const hiddenAuthor = await memberOf(app, community.id);
    const reader = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const c1 = (await comment(post.id, writer.headers, { body: 'Visible' })).json();
    const c2 = (await comment(post.id, hiddenAuthor.headers, { body: 'Texte masqué' })).json();
    await app.pool.query(`UPDATE comments SET hidden_at = now(), hidden_reason = 'Hors charte' WHERE id = $1`, [c2.id]);
    const list = async (headers: Record<string, string>, limit = 50) => {
      const res = await app.inject({ method: 'GET', url: `/api/posts/${post.id}/comments?limit=${limit}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Array<{ id: number; bodyMd: string; can: Record<string, boolean>; hidden: { reason: string | null } | null }>; nextCursor: string | null };
    };
    // Each reader twice, in an order where a form built for one kind of reader would leak to the next.
    for (let round = 0; round < 2; round += 1) {
      const staff = await list(animator.headers);
      expect(staff.items[1]).toMatchObject({ id: c2.id, bodyMd: 'Texte masqué', hidden: { reason: 'Hors charte' }, can: { delete: true } });
      const anonymous = await list({});
      expect(anonymous.items[1]).toMatchObject({ id: c2.id, bodyMd: '', hidden: { reason: null }, can: { edit: false, delete: false } });
      const member = await list(reader.headers);
      expect(member.items.map((c) => c.can.edit)).toEqual([false, false]);
      expect(member.items[1]).toMatchObject({ bodyMd: '', hidden: { reason: null } });
      const own = await list(hiddenAuthor.headers);
      expect(own.items[1]).toMatchObject({ bodyMd: 'Texte masqué', hidden: { reason: 'Hors charte' }, can: { edit: true, delete: true } });
      expect((await list(writer.headers)).items[0]).toMatchObject({ id: c1.id, can: { edit: true, delete: true } });
      const first = await list(reader.headers, 1);
      expect(first.items.map((c) => c.id)).toEqual([c1.id]);
      expect(first.nextCursor).toEqual(expect.any(String));
    }
    // A new comment is on the next read of every kind.
    const c3 = (await comment(post.id, writer.headers, { body: 'Troisième' })).json();
    expect((await list({})).items.map((c) => c.id)).toEqual([c1.id, c2.id, c3.id]);
  });

  it('counts "utile" once per member, idempotently', async () => {
    const { community, author, post } = await setup();
    const reader = await memberOf(app, community.id);
    const url = `/api/posts/${post.id}/useful`;
    for (let i = 0; i < 2; i += 1) {
      const res: LightMyRequestResponse = await app.inject({ method: 'PUT', url, headers: reader.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ usefulCount: 1, usefulByMe: true });
    }
    const other = await memberOf(app, community.id);
    expect((await app.inject({ method: 'PUT', url, headers: other.headers })).json().usefulCount).toBe(2);
    expect((await counts(app, post.id)).useful_count).toBe(2);
    const seen = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.headers });
    expect(seen.json()).toMatchObject({ usefulCount: 2, usefulByMe: true, can: { markUseful: true } });

    for (let i = 0; i < 2; i += 1) {
      const res: LightMyRequestResponse = await app.inject({ method: 'DELETE', url, headers: reader.headers });
      expect(res.json()).toEqual({ usefulCount: 1, usefulByMe: false });
    }
    expect((await app.inject({ method: 'PUT', url, headers: author.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url })).statusCode).toBe(401);
    const outsider = await signIn(app);
    expect((await app.inject({ method: 'PUT', url, headers: outsider.headers })).json().code).toBe('NOT_MEMBER');
    expect((await app.inject({ method: 'PUT', url: '/api/posts/999999999/useful', headers: reader.headers })).statusCode).toBe(404);
    expect((await counts(app, post.id)).useful_count).toBe(1);
  });
});
