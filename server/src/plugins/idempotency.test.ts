import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../test/community-factories.js';
import { useTestApp } from '../../test/helpers.js';
import { memberOf, signIn } from '../modules/posts/posts.fixtures.js';
import { deleteAccount } from '../modules/privacy/deletion.js';
import { purgeIdempotencyKeys } from './idempotency.js';

type Headers = Record<string, string>;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('Idempotency-Key on writes', async () => {
  const { app } = await useTestApp();

  const withKey = (headers: Headers, key: string) => ({ ...headers, 'idempotency-key': key });
  const createPost = (slug: string, headers: Headers, key: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers: withKey(headers, key), payload });

  async function count(sql: string, values: unknown[]): Promise<number> {
    const { rows } = await app.pool.query<{ n: number }>(sql, values);
    return rows[0]!.n;
  }

  async function keyRows(userId: number, key: string): Promise<number> {
    return count('SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key]);
  }

  it('answers a retried post with the first answer, writing it once', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const key = randomUUID();
    const payload = { title: 'Modèle de délibération', body: 'Quelqu’un aurait-il un modèle ?' };
    const first = await createPost(community.slug, author.headers, key, payload);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await createPost(community.slug, author.headers, key, payload);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.body).toBe(first.body);
    expect(await count('SELECT count(*)::int AS n FROM posts WHERE author_id = $1', [author.user.id])).toBe(1);
  });

  it('answers a retried comment, message and vote with the first answer, writing each once', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id);
    const post = await createPost(community.slug, animator.headers, randomUUID(), { title: 'Sujet', body: 'Texte' });
    const postId = post.json().id as number;

    const commentKey = randomUUID();
    const comment = () => app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: withKey(member.headers, commentKey), payload: { body: 'Voici le mien.' } });
    const c1 = await comment();
    const c2 = await comment();
    expect([c1.statusCode, c2.statusCode]).toEqual([201, 201]);
    expect(c2.json().id).toBe(c1.json().id);
    expect(await count('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [postId])).toBe(1);

    const startKey = randomUUID();
    const start = () => app.inject({ method: 'POST', url: '/api/conversations', headers: withKey(member.headers, startKey), payload: { memberIds: [animator.user.id], body: 'Bonjour' } });
    const s1 = await start();
    const s2 = await start();
    expect([s1.statusCode, s2.statusCode], s2.body).toEqual([201, 201]);
    expect(s2.json()).toEqual(s1.json());
    const conversationId = s1.json().conversationId as number;
    const sendKey = randomUUID();
    const send = () => app.inject({ method: 'POST', url: `/api/conversations/${conversationId}/messages`, headers: withKey(member.headers, sendKey), payload: { body: 'Vous êtes là ?' } });
    const m1 = await send();
    const m2 = await send();
    expect([m1.statusCode, m2.statusCode]).toEqual([201, 201]);
    expect(m2.json().id).toBe(m1.json().id);
    expect(await count('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId])).toBe(2);

    const poll = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/polls`, headers: withKey(animator.headers, randomUUID()),
      payload: { title: 'Quel format ?', options: ['Visio', 'Présentiel'], closesAt: inDays(7) },
    });
    expect(poll.statusCode, poll.body).toBe(201);
    const pollId = poll.json().postId as number;
    const voteKey = randomUUID();
    const vote = () => app.inject({ method: 'POST', url: `/api/polls/${pollId}/vote`, headers: withKey(member.headers, voteKey), payload: { optionIds: [poll.json().options[0].id] } });
    const v1 = await vote();
    const v2 = await vote();
    // Without the key, the second vote is refused (ALREADY_VOTED): the member would think it failed.
    expect([v1.statusCode, v2.statusCode], v2.body).toEqual([200, 200]);
    expect(v2.headers['idempotent-replayed']).toBe('true');
    expect(await count('SELECT count(*)::int AS n FROM poll_votes WHERE poll_id = $1', [pollId])).toBe(1);
  });

  it('refuses a key reused for another body or another resource, and an invalid key', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const key = randomUUID();
    expect((await createPost(community.slug, author.headers, key, { title: 'Premier', body: 'Un' })).statusCode).toBe(201);
    const other = await createPost(community.slug, author.headers, key, { title: 'Second', body: 'Deux' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('nouvelle clé') });
    const elsewhere = await createPost((await createCommunity(app)).slug, author.headers, key, { title: 'Premier', body: 'Un' });
    expect(elsewhere.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await createPost(community.slug, author.headers, 'pas une clé', { title: 'Trois', body: 'Trois' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(await count('SELECT count(*)::int AS n FROM posts WHERE author_id = $1', [author.user.id])).toBe(1);
  });

  it('keeps the keys of two users apart', async () => {
    const community = await createCommunity(app);
    const a = await memberOf(app, community.id);
    const b = await memberOf(app, community.id);
    const key = 'same-key-for-both';
    const ra = await createPost(community.slug, a.headers, key, { title: 'De A', body: 'Texte de A' });
    const rb = await createPost(community.slug, b.headers, key, { title: 'De B', body: 'Texte de B' });
    expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.json().id).not.toBe(ra.json().id);
    expect(rb.json().author.id).toBe(b.user.id);
  });

  it('writes the key with the write: a refused write leaves no key, twins at once write once', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const payload = { title: 'Même texte', body: 'Même contenu' };
    expect((await createPost(community.slug, author.headers, randomUUID(), payload)).statusCode).toBe(201);
    // The same text again is refused inside the write's transaction (trust module): the key goes with it.
    const refusedKey = randomUUID();
    const refused = await createPost(community.slug, author.headers, refusedKey, payload);
    expect(refused.json().code).toBe('DUPLICATE_CONTENT');
    expect(await keyRows(author.user.id, refusedKey)).toBe(0);

    const key = randomUUID();
    const twins = await Promise.all([1, 2, 3].map(() => createPost(community.slug, author.headers, key, { title: 'Jumeaux', body: 'Envoyés ensemble' })));
    const created = twins.filter((r) => r.statusCode === 201);
    expect(created.length, twins.map((r) => r.body).join('\n')).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    for (const r of twins.filter((t) => t.statusCode !== 201)) {
      expect(r.json().code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(r.headers['retry-after']).toBe('1');
    }
    expect(await count("SELECT count(*)::int AS n FROM posts WHERE author_id = $1 AND title = 'Jumeaux'", [author.user.id])).toBe(1);
  });

  it('says when a write was done but its answer was lost', async () => {
    const author = await signIn(app);
    const url = '/api/communities/x/posts';
    for (const [age, code] of [['1 second', 'IDEMPOTENCY_IN_PROGRESS'], ['10 minutes', 'IDEMPOTENCY_ANSWER_LOST']] as const) {
      const key = randomUUID();
      const payload = { title: 'T', body: 'B' };
      await app.pool.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, request_hash, created_at) VALUES ($1, $2, $3, $4, now() - $5::interval)`,
        [author.user.id, key, `POST ${url}`, createHash('sha256').update(JSON.stringify(payload)).digest('hex'), age],
      );
      const res = await app.inject({ method: 'POST', url, headers: withKey(author.headers, key), payload });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe(code);
    }
  });

  it('forgets keys after 24 hours, and the hourly job deletes them', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const oldKey = randomUUID();
    const freshKey = randomUUID();
    expect((await createPost(community.slug, author.headers, oldKey, { title: 'Hier', body: 'Hier' })).statusCode).toBe(201);
    expect((await createPost(community.slug, author.headers, freshKey, { title: 'Aujourd’hui', body: 'Aujourd’hui' })).statusCode).toBe(201);
    await app.pool.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2`, [author.user.id, oldKey]);
    // Expired: the key is free for a new request (another body is no longer a reuse).
    const again = await createPost(community.slug, author.headers, oldKey, { title: 'Nouveau', body: 'Nouveau texte' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    await app.pool.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2`, [author.user.id, oldKey]);
    expect(await purgeIdempotencyKeys(app.db)).toBeGreaterThanOrEqual(1);
    expect(await keyRows(author.user.id, oldKey)).toBe(0);
    expect(await keyRows(author.user.id, freshKey)).toBe(1);
  });

  it('forgets the kept answers of a deleted account', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const key = randomUUID();
    expect((await createPost(community.slug, author.headers, key, { title: 'Avant départ', body: 'Mes mots' })).statusCode).toBe(201);
    expect(await keyRows(author.user.id, key)).toBe(1);
    await deleteAccount(app, author.user.id, false);
    expect(await keyRows(author.user.id, key)).toBe(0);
  });

  it('documents the header on the idempotent routes of the OpenAPI description', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const headerOf = (path: string) => (doc.paths[path].post.parameters as { in: string; name: string }[])
      .some((p) => p.in === 'header' && p.name === 'idempotency-key');
    for (const path of ['/api/communities/{slug}/posts', '/api/posts/{id}/comments', '/api/conversations', '/api/conversations/{id}/messages', '/api/polls/{postId}/vote', '/api/communities/{slug}/polls', '/api/communities/{slug}/events']) {
      expect(headerOf(path), path).toBe(true);
    }
  });

  it('handles a write without the header as before', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Sans clé', body: 'Texte' } });
    expect(res.statusCode).toBe(201);
    expect(await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1', [author.user.id])).toBe(0);
  });
});
