import { describe, expect, it } from 'vitest';
import { useTestApp, unique } from '../../../test/helpers.js';
import { signedInUser } from '../../../test/factories.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { postWithActivity } from './fixtures.js';

describe('data export', async () => {
  const { app } = await useTestApp();

  it('downloads everything about the member, and nothing about others nor any secret', async () => {
    const community = await createCommunity(app);
    const me = await signedInUser(app, { firstName: 'Solène', employer: 'Ville de Rennes' });
    const other = await signedInUser(app, { firstName: 'Gaspard', employer: 'Département du Nord' });
    await addMember(app, community.id, me.user.id);
    await addMember(app, community.id, other.user.id);
    const mine = await postWithActivity(app, community.slug, me.headers, other.headers);
    const theirs = await postWithActivity(app, community.slug, other.headers, me.headers);
    const myComment = `Mon commentaire ${unique()}`;
    await app.inject({ method: 'POST', url: `/api/posts/${theirs.postId}/comments`, headers: me.headers, payload: { body: myComment } });
    await app.pool.query(`INSERT INTO flags (community_id, post_id, reporter_id, reason_code, comment) VALUES ($1, $2, $3, 'spam', 'Publié trois fois')`,
      [community.id, theirs.postId, me.user.id]);
    await app.pool.query(`INSERT INTO mail_outbox (to_address, subject, text, html, status)
      VALUES ($1, 'Réinitialisation', 'Lien : http://x/mot-de-passe/nouveau?token=SECRET123abc', '', 'outbox')`, [me.user.email]);

    const res = await app.inject({ method: 'GET', url: '/api/me/export', headers: me.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="e-communautes-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.json();
    expect(data.profile).toMatchObject({ id: me.user.id, email: me.user.email, first_name: 'Solène', employer: 'Ville de Rennes' });
    expect(data.memberships).toEqual([expect.objectContaining({ community_slug: community.slug, role: 'member' })]);
    expect(data.posts).toHaveLength(1);
    expect(data.posts[0]).toMatchObject({ id: mine.postId, title: mine.title, body_md: 'Notre démarche de quartier, corrigée.' });
    expect(data.posts[0].revisions).toEqual([expect.objectContaining({ body_md: 'Notre **démarche** de quartier.' })]);
    expect(data.comments).toHaveLength(2);
    expect(data.comments).toContainEqual(expect.objectContaining({ post_id: theirs.postId, body_md: myComment }));
    expect(data.comments[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(data.reactions).toEqual([expect.objectContaining({ post_id: theirs.postId })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(Array.isArray(data.knownDevices)).toBe(true);
    expect(data.mails).toEqual([expect.objectContaining({ subject: 'Réinitialisation' })]);
    expect(Array.isArray(data.cguAcceptances)).toBe(true);
    expect(data.flags).toEqual([expect.objectContaining({ post_id: theirs.postId, reason_code: 'spam', comment: 'Publié trois fois', reason: 'Spam' })]);
    expect(data.moderationActions).toEqual([]);

    const text = res.body;
    for (const absent of ['Gaspard', 'Département du Nord', other.user.email, 'password', 'token_hash', 'csrf', 'SECRET123abc']) {
      expect(text).not.toContain(absent);
    }
  });

  it('needs a session and is rate limited', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/me/export' })).statusCode).toBe(401);
    const { app: strict } = await useTestApp({ rateLimitFactor: 1 });
    const me = await signedInUser(strict);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await strict.inject({ method: 'GET', url: '/api/me/export', headers: me.headers })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});
