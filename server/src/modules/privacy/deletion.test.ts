import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { signedInUser } from '../../../test/factories.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import type { App } from '../../types.js';
import { postWithActivity } from './fixtures.js';

async function counters(app: App, communityId: number, postId: number) {
  const { rows } = await app.pool.query(
    `SELECT c.member_count, c.post_count, p.comment_count, p.useful_count FROM communities c, posts p WHERE c.id = $1 AND p.id = $2`,
    [communityId, postId]);
  return rows[0];
}

/** A member with a post, a comment and a reaction on someone else's post, in a community with one other member. */
async function scene(app: App) {
  const community = await createCommunity(app);
  const leaving = await signedInUser(app, { firstName: 'Apolline', employer: 'Ville de Brest', job: 'Juriste', departement: '29' });
  const other = await signedInUser(app);
  await addMember(app, community.id, leaving.user.id, 'animator');
  await addMember(app, community.id, other.user.id);
  const mine = await postWithActivity(app, community.slug, leaving.headers, other.headers);
  const theirs = await postWithActivity(app, community.slug, other.headers, leaving.headers);
  await app.pool.query(`INSERT INTO flags (community_id, post_id, reporter_id, reason_code, comment) VALUES ($1, $2, $3, 'spam', 'Doublon')`,
    [community.id, theirs.postId, leaving.user.id]);
  return { community, leaving, other, mine, theirs };
}

describe('account deletion', async () => {
  const { app } = await useTestApp();

  it('erases the identity and everything personal, keeps posts under "Membre supprimé" with exact counters', async () => {
    const { community, leaving, other, mine, theirs } = await scene(app);
    const before = await counters(app, community.id, theirs.postId);
    // A browser remembered at sign-in (login limits).
    await app.pool.query('INSERT INTO known_devices (token_hash, user_id) VALUES ($1, $2)', [`device-${leaving.user.id}`, leaving.user.id]);

    const res = await app.inject({
      method: 'DELETE', url: '/api/me', headers: leaving.headers, payload: { deleteContent: false },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/ecom_sid=;/);

    const { rows: [u] } = await app.pool.query('SELECT * FROM users WHERE id = $1', [leaving.user.id]);
    expect(u).toMatchObject({
      first_name: 'Membre', last_name: 'supprimé', employer: '', job: '', departement: '', bio: '',
      national_role: null, email_verified_at: null, deleted_at: expect.any(Date),
    });
    expect(u.email).toMatch(/@supprime\.invalid$/);
    expect(u.password_hash).not.toMatch(/argon2/);
    for (const table of ['sessions', 'known_devices', 'memberships', 'post_reactions', 'email_tokens', 'cgu_acceptances', 'poll_votes', 'community_suspensions']) {
      const { rows } = await app.pool.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [leaving.user.id]);
      expect(rows, table).toEqual([]);
    }
    expect((await app.pool.query('SELECT 1 FROM flags WHERE reporter_id = $1', [leaving.user.id])).rows).toEqual([]);
    const { rows: limits } = await app.pool.query(`SELECT key FROM rate_limits WHERE key LIKE $1`, [`%:u${leaving.user.id}`]);
    expect(limits).toEqual([]);
    const { rows: mails } = await app.pool.query('SELECT 1 FROM mail_outbox WHERE lower(to_address) = lower($1)', [leaving.user.email]);
    expect(mails).toEqual([]);
    const after = await counters(app, community.id, theirs.postId);
    expect(after).toMatchObject({ member_count: before.member_count - 1, useful_count: before.useful_count - 1, post_count: before.post_count });

    // The session is gone; their post stays, signed "Membre supprimé"; their page is gone.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: leaving.headers })).statusCode).toBe(401);
    const post = (await app.inject({ method: 'GET', url: `/api/posts/${mine.postId}`, headers: other.headers })).json();
    expect(post).toMatchObject({ title: mine.title, author: { firstName: 'Membre', lastName: 'supprimé' } });
    const comments = (await app.inject({ method: 'GET', url: `/api/posts/${theirs.postId}/comments`, headers: other.headers })).json();
    expect(comments.items.some((c: { author: { firstName: string } }) => c.author.firstName === 'Membre')).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/users/${leaving.user.id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: leaving.user.email, password: leaving.password } })).statusCode).toBe(401);

    // The address is free again.
    const again = await app.inject({
      method: 'POST', url: '/api/auth/register',
      payload: { email: leaving.user.email, password: 'Une phrase de passe assez longue', firstName: 'Apolline', lastName: 'B', employer: 'Ville', job: 'Juriste', departement: '29', acceptCgu: true },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().user.id).not.toBe(leaving.user.id);
  });

  it('deletes their posts and comments too when asked, erasing the text and keeping counters exact', async () => {
    const { community, leaving, other, mine, theirs } = await scene(app);
    const before = await counters(app, community.id, theirs.postId);
    const res = await app.inject({
      method: 'DELETE', url: '/api/me', headers: leaving.headers, payload: { deleteContent: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${mine.postId}`, headers: other.headers })).statusCode).toBe(404);
    const { rows: posts } = await app.pool.query('SELECT title, body_md, deleted_at FROM posts WHERE author_id = $1', [leaving.user.id]);
    expect(posts).toEqual([{ title: 'Publication supprimée', body_md: '', deleted_at: expect.any(Date) }]);
    const { rows: revisions } = await app.pool.query('SELECT 1 FROM post_revisions WHERE post_id = $1', [mine.postId]);
    expect(revisions).toEqual([]);
    const { rows: comments } = await app.pool.query('SELECT body_md, deleted_at FROM comments WHERE author_id = $1', [leaving.user.id]);
    expect(comments).toEqual([{ body_md: '', deleted_at: expect.any(Date) }]);
    const after = await counters(app, community.id, theirs.postId);
    expect(after).toMatchObject({
      member_count: before.member_count - 1, post_count: before.post_count - 1,
      comment_count: before.comment_count - 1, useful_count: before.useful_count - 1,
    });
  });

  it('asks for a fresh proof of identity (403 REAUTH_REQUIRED), refuses bad input (400) and anonymous callers (401)', async () => {
    const { user, headers, password } = await signedInUser(app);
    await app.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [user.id]);
    const stale = await app.inject({ method: 'DELETE', url: '/api/me', headers, payload: { deleteContent: false } });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('REAUTH_REQUIRED');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/reauth', headers, payload: { password: 'pas le bon mot de passe' } });
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect((await app.inject({ method: 'DELETE', url: '/api/me', headers, payload: { deleteContent: false } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/auth/reauth', headers, payload: { password } })).statusCode).toBe(200);
    for (const payload of [{}, { password }, { deleteContent: 'oui' }, { deleteContent: false, x: 1 }]) {
      expect((await app.inject({ method: 'DELETE', url: '/api/me', headers, payload })).statusCode).toBe(400);
    }
    expect((await app.inject({ method: 'DELETE', url: '/api/me', payload: { deleteContent: false } })).statusCode).toBe(401);
    const { rows } = await app.pool.query('SELECT deleted_at FROM users WHERE id = $1', [user.id]);
    expect(rows[0].deleted_at).toBeNull();
  });
});
