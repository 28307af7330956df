import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { createUser } from '../../../test/factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { signIn } from './posts.fixtures.js';
import type { App } from '../../types.js';
import { encodeKeyset } from '../../lib/cursor.js';

/**
 * Inserts posts straight into the table with controlled timestamps, several sharing the same
 * microsecond, so pagination is tested where ties make keysets go wrong.
 */
async function seedPosts(app: App, communityId: number, authorId: number, count: number, base: Date): Promise<void> {
  await app.pool.query(
    `INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt, created_at)
     SELECT $1, $2, 'Post ' || g, 'corps', '<p>corps</p>', 'corps', $3::timestamptz - (g / 3) * interval '1 microsecond'
       FROM generate_series(1, $4) g`,
    [communityId, authorId, base.toISOString(), count],
  );
  await app.pool.query('UPDATE communities SET post_count = post_count + $2 WHERE id = $1', [communityId, count]);
}

type Summary = { id: number; createdAt: string; community: { id: number } };

async function walk(app: App, url: string, headers: Record<string, string> = {}): Promise<{ items: Summary[]; pages: number }> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res: LightMyRequestResponse = await app.inject({ method: 'GET', url: `${url}${cursor ? `${sep}cursor=${cursor}` : ''}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { items, pages };
}

/** The exact order the database holds (microseconds, then id), to compare walked pages against. */
async function newestFirst(app: App, communityIds: number[]): Promise<number[]> {
  const { rows } = await app.pool.query<{ id: number }>(
    `SELECT id FROM posts WHERE community_id = ANY($1::bigint[]) AND deleted_at IS NULL ORDER BY created_at DESC, id DESC`,
    [communityIds],
  );
  return rows.map((r) => r.id);
}

describe('feeds', async () => {
  const { app } = await useTestApp();

  it('walks a community feed page by page, newest first, with no duplicate or gap', async () => {
    const community = await createCommunity(app);
    const { user } = await createUser(app);
    await seedPosts(app, community.id, user.id, 47, new Date('2026-01-10T10:00:00.000Z'));
    const deleted = await app.pool.query<{ id: number }>(
      `UPDATE posts SET deleted_at = now() WHERE id = (SELECT max(id) FROM posts WHERE community_id = $1) RETURNING id`, [community.id]);

    const { items, pages } = await walk(app, `/api/communities/${community.slug}/posts?limit=10`);
    expect(pages).toBe(5);
    expect(items).toHaveLength(46);
    expect(new Set(items.map((p) => p.id)).size).toBe(46);
    expect(items.map((p) => p.id)).not.toContain(deleted.rows[0]!.id);
    expect(items.map((p) => p.id)).toEqual(await newestFirst(app, [community.id]));
  });

  it('my feed merges only my communities, newest first, across pages', async () => {
    const mine1 = await createCommunity(app);
    const mine2 = await createCommunity(app);
    const draft = await createCommunity(app, { status: 'draft' });
    const notMine = await createCommunity(app);
    const { user: author } = await createUser(app);
    await seedPosts(app, mine1.id, author.id, 13, new Date('2026-02-01T10:00:00.000Z'));
    await seedPosts(app, mine2.id, author.id, 11, new Date('2026-02-01T10:00:00.000Z'));
    await seedPosts(app, draft.id, author.id, 3, new Date('2026-02-01T11:00:00.000Z'));
    await seedPosts(app, notMine.id, author.id, 5, new Date('2026-02-01T12:00:00.000Z'));
    const me = await signIn(app);
    await addMember(app, mine1.id, me.user.id);
    await addMember(app, mine2.id, me.user.id, 'animator');
    await addMember(app, draft.id, me.user.id);

    const { items } = await walk(app, '/api/feed?limit=4', me.headers);
    expect(items).toHaveLength(24);
    expect(new Set(items.map((p) => p.id)).size).toBe(24);
    expect(new Set(items.map((p) => p.community.id))).toEqual(new Set([mine1.id, mine2.id]));
    expect(items.map((p) => p.id)).toEqual(await newestFirst(app, [mine1.id, mine2.id]));

    expect((await app.inject({ method: 'GET', url: '/api/feed' })).statusCode).toBe(401);
    const stranger = await signIn(app);
    const empty = await app.inject({ method: 'GET', url: '/api/feed', headers: stranger.headers });
    expect(empty.json()).toEqual({ items: [], nextCursor: null });
  });

  it('answers 400 INVALID_CURSOR to a forged cursor', async () => {
    const community = await createCommunity(app);
    const me = await signIn(app);
    const bad = [
      'nimportequoi', Buffer.from('2026-02-30T00:00:00Z|1').toString('base64url'),
      Buffer.from('hier|1').toString('base64url'), encodeKeyset({ at: '2026-01-01T00:00:00Z', id: 0 }),
    ];
    for (const cursor of bad) {
      for (const url of [`/api/communities/${community.slug}/posts?cursor=${cursor}`, `/api/feed?cursor=${cursor}`]) {
        const res: LightMyRequestResponse = await app.inject({ method: 'GET', url, headers: me.headers });
        expect(res.statusCode, `${url}`).toBe(400);
        expect(res.json().code).toBe('INVALID_CURSOR');
      }
    }
    expect((await app.inject({ method: 'GET', url: `/api/feed?limit=500`, headers: me.headers })).statusCode).toBe(400);
  });
});
