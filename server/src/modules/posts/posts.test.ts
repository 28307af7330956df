import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../common/limits.js';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from './posts.fixtures.js';
import type { App } from '../../types.js';

async function postCount(app: App, communityId: number): Promise<number> {
  const { rows } = await app.pool.query<{ post_count: number }>('SELECT post_count FROM communities WHERE id = $1', [communityId]);
  return rows[0]!.post_count;
}

describe('posts', async () => {
  const { app } = await useTestApp();

  async function publish(slug: string, headers: Record<string, string>, title = 'Contrat de ville 2024', body = 'Retour d’expérience **à partager**') {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title, body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('creates, reads, edits (keeping the previous version) and deletes a post', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const post = await publish(community.slug, author.headers);
    expect(post).toMatchObject({
      title: 'Contrat de ville 2024',
      bodyMd: 'Retour d’expérience **à partager**',
      excerpt: 'Retour d’expérience à partager',
      community: { id: community.id, slug: community.slug, name: community.name },
      author: { id: author.user.id, firstName: author.user.firstName, lastName: author.user.lastName },
      editedAt: null, commentCount: 0, usefulCount: 0, usefulByMe: false,
      can: { edit: true, delete: true, comment: true, markUseful: false, moderate: false },
    });
    expect(post.bodyHtml).toContain('<strong>à partager</strong>');
    expect(await postCount(app, community.id)).toBe(1);

    const anonymous = await app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().can).toEqual({ edit: false, delete: false, comment: false, markUseful: false, moderate: false });

    const edited = await app.inject({
      method: 'PATCH', url: `/api/posts/${post.id}`, headers: author.headers, payload: { body: 'Nouvelle _version_' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Contrat de ville 2024', bodyMd: 'Nouvelle _version_', excerpt: 'Nouvelle version' });
    expect(edited.json().bodyHtml).toContain('<em>version</em>');
    expect(edited.json().editedAt).not.toBeNull();

    const revisions = await app.inject({ method: 'GET', url: `/api/posts/${post.id}/revisions`, headers: author.headers });
    expect(revisions.statusCode).toBe(200);
    expect(revisions.json().items).toEqual([expect.objectContaining({
      title: 'Contrat de ville 2024', bodyMd: 'Retour d’expérience **à partager**', editedBy: expect.objectContaining({ id: author.user.id }),
    })]);

    const deleted = await app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: author.headers });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ ok: true });
    const gone = await app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('POST_NOT_FOUND');
    expect(await postCount(app, community.id)).toBe(0);
    const { rows } = await app.pool.query('SELECT deleted_by, deleted_at FROM posts WHERE id = $1', [post.id]);
    expect(rows[0]).toMatchObject({ deleted_by: author.user.id, deleted_at: expect.any(Date) });
  });

  it('stores scripts, event handlers and javascript: links harmless', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const post = await publish(community.slug, author.headers, 'Test',
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [clic](javascript:alert(1)) <a href="javascript:alert(2)">a</a>');
    const { rows } = await app.pool.query<{ body_html: string }>('SELECT body_html FROM posts WHERE id = $1', [post.id]);
    for (const html of [rows[0]!.body_html, post.bodyHtml as string]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/<a[^>]*href\s*=\s*"?\s*javascript:/i);
    }
  });

  it('refuses writes from the anonymous, the unverified, non-members and other members', async () => {
    const community = await createCommunity(app);
    const payload = { title: 'Titre', body: 'Texte' };
    const url = `/api/communities/${community.slug}/posts`;

    const anonymous = await app.inject({ method: 'POST', url, payload });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');

    const outsider = await signIn(app);
    const notMember = await app.inject({ method: 'POST', url, headers: outsider.headers, payload });
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().code).toBe('NOT_MEMBER');

    const unverified = await memberOf(app, community.id, 'member', { verified: false });
    const res = await app.inject({ method: 'POST', url, headers: unverified.headers, payload });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('EMAIL_NOT_VERIFIED');

    const author = await memberOf(app, community.id);
    const post = await publish(community.slug, author.headers);
    const other = await memberOf(app, community.id);
    const edit = await app.inject({ method: 'PATCH', url: `/api/posts/${post.id}`, headers: other.headers, payload: { title: 'Piraté' } });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().code).toBe('FORBIDDEN');
    const del = await app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: other.headers });
    expect(del.statusCode).toBe(403);
    const anonEdit = await app.inject({ method: 'PATCH', url: `/api/posts/${post.id}`, payload: { title: 'x' } });
    expect(anonEdit.statusCode).toBe(401);
    const revisions = await app.inject({ method: 'GET', url: `/api/posts/${post.id}/revisions`, headers: other.headers });
    expect(revisions.statusCode).toBe(403);
  });

  it('refuses posting in an archived community and hides drafts', async () => {
    const archived = await createCommunity(app, { status: 'archived' });
    const member = await memberOf(app, archived.id);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${archived.slug}/posts`, headers: member.headers, payload: { title: 'T', body: 'B' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('COMMUNITY_NOT_OPEN');

    const draft = await createCommunity(app, { status: 'draft' });
    const feed = await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}/posts` });
    expect(feed.statusCode).toBe(404);
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    const own = await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}/posts`, headers: coordinator.headers });
    expect(own.statusCode).toBe(200);
  });

  it('lets a moderator (animator, coordinator, national admin) delete a post', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator');
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const admin = await signIn(app, { nationalRole: 'admin' });
    for (const moderator of [animator, coordinator, admin]) {
      // A distinct title each time: the same text twice within a day is refused (trust module).
      const post = await publish(community.slug, author.headers, `Contrat de ville ${moderator.user.id}`);
      const seen = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: moderator.headers });
      expect(seen.json().can).toMatchObject({ edit: false, delete: true });
      const res = await app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: moderator.headers });
      expect(res.statusCode).toBe(200);
      const { rows } = await app.pool.query('SELECT deleted_by FROM posts WHERE id = $1', [post.id]);
      expect(rows[0].deleted_by).toBe(moderator.user.id);
    }
    expect(await postCount(app, community.id)).toBe(0);
  });

  it('validates input: unknown ids 404, title over the limit 400, body over 256 KiB 413', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    for (const url of ['/api/posts/999999999', '/api/posts/999999999/comments', '/api/communities/inconnue/posts']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await app.inject({ method: 'GET', url: '/api/posts/999999999' })).json().code).toBe('POST_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/posts/abc' })).statusCode).toBe(400);
    const url = `/api/communities/${community.slug}/posts`;
    const long = await app.inject({
      method: 'POST', url, headers: author.headers, payload: { title: 'x'.repeat(LIMITS.postTitle + 1), body: 'ok' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { title: expect.any(String) } });
    const blank = await app.inject({ method: 'POST', url, headers: author.headers, payload: { title: '   ', body: 'ok' } });
    expect(blank.statusCode).toBe(400);
    const huge = await app.inject({
      method: 'POST', url, headers: author.headers, payload: { title: 'Gros', body: 'x'.repeat(LIMITS.bodyLimit + 10) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');
    const tooLong = await app.inject({
      method: 'POST', url, headers: author.headers, payload: { title: 'Long', body: 'x'.repeat(LIMITS.postBody + 1) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(await postCount(app, community.id)).toBe(0);
  });

  it('answers an over-long or malformed path segment with the French 400', async () => {
    for (const url of [`/api/communities/${'a'.repeat(150)}`, '/api/communities/%E0%A4%A']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toEqual({ code: 'BAD_REQUEST', message: 'Requête invalide.' });
    }
  });
});

describe('posting rate limit', async () => {
  const { app } = await useTestApp({ rateLimitFactor: 1 });

  it('answers 429 once a member exceeds the hourly posting budget', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const url = `/api/communities/${community.slug}/posts`;
    for (let i = 0; i < 30; i += 1) {
      const res = await app.inject({ method: 'POST', url, headers: author.headers, payload: { title: `n°${i}`, body: 'texte' } });
      expect(res.statusCode).toBe(201);
    }
    const refused = await app.inject({ method: 'POST', url, headers: author.headers, payload: { title: 'de trop', body: 'texte' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(await postCount(app, community.id)).toBe(30);
  });

  it('answers 429 to a comment over the hourly budget, writing nothing and keeping the draft', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const post = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Sujet', body: 'texte' } });
    const postId = post.json().id as number;
    const commenter = await memberOf(app, community.id);
    const place = `comment:${postId}`;
    await app.pool.query(`INSERT INTO drafts (user_id, place, body) VALUES ($1, $2, 'Mon brouillon')`, [commenter.user.id, place]);
    // The budget already spent this hour (120 comments), as its counter holds it.
    await app.pool.query(`INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 120, now() + interval '30 minutes')`, [`comment:u${commenter.user.id}`]);
    const refused = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: commenter.headers, payload: { body: 'Un de trop' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(1700);
    const { rows } = await app.pool.query(`SELECT comment_count, (SELECT count(*)::int FROM comments WHERE post_id = $1) AS n,
      (SELECT count(*)::int FROM drafts WHERE user_id = $2 AND place = $3) AS drafts FROM posts WHERE id = $1`, [postId, commenter.user.id, place]);
    expect(rows[0]).toEqual({ comment_count: 0, n: 0, drafts: 1 });
  });
});
