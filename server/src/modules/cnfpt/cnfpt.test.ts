import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { unique, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { pollDueCnfptSources } from './poller.js';
import { createCnfptSource } from './service.js';

/**
 * CNFPT resources against a real local HTTP server serving the national feeds (only the test
 * configuration lets the fetch reach 127.0.0.1). Items are shared by the whole network and other test
 * files add their own to the same database, so the inboxes are read for this test's source only.
 */

const rss = (tag: string, items: number[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Catalogue des formations du CNFPT</title><link>https://www.cnfpt.fr/</link>
${items.map((n) => `<item><title>Formation ${n} : piloter un projet de territoire</title>
<link>https://www.cnfpt.fr/se-former/formation-${tag}-${n}</link><guid isPermaLink="false">${tag}-${n}</guid>
<pubDate>Mon, 0${n} Sep 2025 10:00:00 +0200</pubDate><description><![CDATA[<p>Session <b>${n}</b> à Lyon</p>]]></description></item>`).join('')}
</channel></rss>`;

let server: Server;
let base = '';
/** What each feed path serves; tests make a feed grow by changing it. */
const feeds = new Map<string, number[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const tag = (req.url ?? '/').slice(1);
    const items = feeds.get(tag);
    if (!items) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(tag, items));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => { server.closeAllConnections(); server.close(); });

describe('CNFPT resources', async () => {
  const { app } = await useTestApp({ veilleAllowLoopback: true, cnfptSourcesMax: 100_000 });
  const national = await signIn(app, { nationalRole: 'admin' });

  /** A national feed of `items`, registered through the API. */
  async function addSource(items: number[], resourceType = 'formation') {
    const tag = unique('cat');
    feeds.set(tag, items);
    const res = await app.inject({ method: 'POST', url: '/api/national/cnfpt-sources', headers: national.headers, payload: { url: `${base}/${tag}`, resourceType } });
    expect(res.statusCode, res.body).toBe(201);
    return { tag, source: res.json() };
  }

  async function community() {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    const inbox = async (sourceId: number) => {
      const res = await app.inject({ method: 'GET', url: `/api/communities/${c.slug}/veille/cnfpt?limit=50`, headers: animator.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.filter((i: { source: { id: number } }) => i.source.id === sourceId);
    };
    const act = (itemId: number, action: 'promote' | 'dismiss', payload: object = {}) =>
      app.inject({ method: 'POST', url: `/api/communities/${c.slug}/veille/cnfpt/${itemId}/${action}`, headers: animator.headers, payload });
    return { c, animator, inbox, act };
  }

  it('the national team adds a source; its items reach every community once; each community decides on its own', async () => {
    const { tag, source } = await addSource([1, 2]);
    expect(source).toMatchObject({ title: 'Catalogue des formations du CNFPT', resourceType: 'formation', itemCount: 2, error: null });
    const listed = await app.inject({ method: 'GET', url: '/api/national/cnfpt-sources', headers: national.headers });
    expect(listed.json().items.map((s: { id: number }) => s.id)).toContain(source.id);
    const again = await app.inject({ method: 'POST', url: '/api/national/cnfpt-sources', headers: national.headers, payload: { url: `${base}/${tag}`, resourceType: 'lid' } });
    expect(again.json().code).toBe('CNFPT_SOURCE_EXISTS');

    const one = await community();
    const two = await community();
    const items = await one.inbox(source.id);
    expect(items.map((i: { title: string }) => i.title)).toEqual(['Formation 2 : piloter un projet de territoire', 'Formation 1 : piloter un projet de territoire']);
    expect(items[0]).toMatchObject({ link: `https://www.cnfpt.fr/se-former/formation-${tag}-2`, summary: 'Session 2 à Lyon', resourceType: 'formation' });
    expect(await two.inbox(source.id)).toHaveLength(2);
    // An item received longer ago than the veille keeps undecided ones is no longer offered.
    await app.pool.query(`UPDATE cnfpt_items SET fetched_at = now() - interval '91 days' WHERE id = $1`, [items[1].id]);
    expect((await one.inbox(source.id)).map((i: { id: number }) => i.id)).toEqual([items[0].id]);
    await app.pool.query(`UPDATE cnfpt_items SET fetched_at = now() WHERE id = $1`, [items[1].id]);

    // Stored once for the network, whatever the number of communities; decisions are rows of the deciding community only.
    const stored = await app.pool.query('SELECT count(*)::int AS n FROM cnfpt_items WHERE source_id = $1', [source.id]);
    expect(stored.rows[0].n).toBe(2);

    const promoted = await one.act(items[0].id, 'promote', { commentary: 'Places encore **disponibles**.' });
    expect(promoted.statusCode, promoted.body).toBe(201);
    expect((await one.act(items[1].id, 'dismiss')).json()).toEqual({ ok: true });
    expect(await one.inbox(source.id)).toEqual([]);
    // The other community still has both, and may promote the same resource too.
    expect(await two.inbox(source.id)).toHaveLength(2);
    expect((await two.act(items[0].id, 'promote')).statusCode).toBe(201);
    expect((await two.inbox(source.id)).map((i: { id: number }) => i.id)).toEqual([items[1].id]);

    // Decided once per community: a second click, or a dismissal after it, is refused.
    expect((await one.act(items[0].id, 'promote')).json().code).toBe('CNFPT_ITEM_DECIDED');
    expect((await one.act(items[0].id, 'dismiss')).json().code).toBe('CNFPT_ITEM_DECIDED');
    expect((await one.act(999_999_999, 'promote')).json().code).toBe('CNFPT_ITEM_NOT_FOUND');

    const post = (await app.inject({ method: 'GET', url: `/api/posts/${promoted.json().postId}`, headers: one.animator.headers })).json();
    expect(post).toMatchObject({
      kind: 'ressource', title: 'Formation 2 : piloter un projet de territoire',
      link: { url: `https://www.cnfpt.fr/se-former/formation-${tag}-2`, source: 'CNFPT' },
      cnfpt: { type: 'formation', url: `https://www.cnfpt.fr/se-former/formation-${tag}-2` },
    });
    expect(post.bodyHtml).toContain('<strong>disponibles</strong>');
    // Without a word from the animator, the catalogue's summary is the text.
    const other = (await app.inject({ method: 'GET', url: `/api/communities/${two.c.slug}/posts`, headers: two.animator.headers })).json();
    expect(other.items[0]).toMatchObject({ kind: 'ressource', excerpt: 'Session 2 à Lyon', cnfpt: { type: 'formation' } });
    // The home feed (across my communities) shows the card too.
    const home = (await app.inject({ method: 'GET', url: '/api/feed', headers: two.animator.headers })).json();
    expect(home.items[0]).toMatchObject({ kind: 'ressource', cnfpt: { type: 'formation', url: `https://www.cnfpt.fr/se-former/formation-${tag}-2` } });
  });

  it('the job polls the national sources: new items only, idempotent when run again', async () => {
    const { tag, source } = await addSource([1]);
    const { inbox } = await community();
    feeds.set(tag, [1, 2, 3]);
    await app.pool.query('UPDATE cnfpt_sources SET next_poll_at = now() WHERE id = $1', [source.id]);
    const run = await pollDueCnfptSources(app.db, { allowLoopback: true });
    expect(run.added).toBeGreaterThanOrEqual(2);
    await app.pool.query('UPDATE cnfpt_sources SET next_poll_at = now(), etag = NULL WHERE id = $1', [source.id]);
    await pollDueCnfptSources(app.db, { allowLoopback: true });
    expect((await inbox(source.id)).map((i: { title: string }) => i.title.slice(0, 11))).toEqual(['Formation 3', 'Formation 2', 'Formation 1']);
    const { rows } = await app.pool.query('SELECT item_count, failure_count, last_success_at IS NOT NULL AS ok FROM cnfpt_sources WHERE id = $1', [source.id]);
    expect(rows[0]).toEqual({ item_count: 3, failure_count: 0, ok: true });

    // A feed that disappears is recorded as failing, and adds nothing.
    feeds.delete(tag);
    await app.pool.query('UPDATE cnfpt_sources SET next_poll_at = now() WHERE id = $1', [source.id]);
    await pollDueCnfptSources(app.db, { allowLoopback: true });
    const failing = (await app.inject({ method: 'GET', url: '/api/national/cnfpt-sources', headers: national.headers })).json()
      .items.find((s: { id: number }) => s.id === source.id);
    expect(failing.error).toMatchObject({ message: 'le site a répondu HTTP 404', failuresInARow: 1 });

    // Removing the source empties every inbox of its items.
    expect((await app.inject({ method: 'DELETE', url: `/api/national/cnfpt-sources/${source.id}`, headers: national.headers })).json()).toEqual({ ok: true });
    expect(await inbox(source.id)).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/national/cnfpt-sources/${source.id}`, headers: national.headers })).json().code).toBe('CNFPT_SOURCE_NOT_FOUND');
  });

  it('two animators of one community promoting the same resource at once publish it once', async () => {
    const { source } = await addSource([1]);
    const { c, inbox, act } = await community();
    const colleague = await memberOf(app, c.id, 'animator');
    const [item] = await inbox(source.id);
    const [mine, theirs] = await Promise.all([
      act(item.id, 'promote'),
      app.inject({ method: 'POST', url: `/api/communities/${c.slug}/veille/cnfpt/${item.id}/promote`, headers: colleague.headers, payload: {} }),
    ]);
    expect([mine.statusCode, theirs.statusCode].sort()).toEqual([201, 409]);
    const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM posts WHERE community_id = $1 AND cnfpt_type IS NOT NULL`, [c.id]);
    expect(rows[0].n).toBe(1);
  });

  it('reads the inbox and the month’s count off indexes', async () => {
    const client = await app.pool.connect();
    const plan = async (text: string) => (await client.query(`EXPLAIN ${text}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const inbox = await plan(`SELECT i.id FROM cnfpt_items i
        WHERE NOT EXISTS (SELECT 1 FROM cnfpt_item_decisions d WHERE d.community_id = 1 AND d.item_id = i.id) ORDER BY i.id DESC LIMIT 21`);
      expect(inbox).toMatch(/Index (Only )?Scan Backward using cnfpt_items_pkey/);
      expect(inbox).toMatch(/cnfpt_item_decisions_community_id_item_id_pk/);
      expect(await plan(`SELECT count(*) FROM posts WHERE community_id = 1 AND created_at >= now() - interval '1 month' AND created_at < now()
        AND cnfpt_type IS NOT NULL AND deleted_at IS NULL`)).toMatch(/posts_cnfpt_month_idx/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('refuses bad sources with a French message, and reserves the sources to the national team', async () => {
    const post = (payload: object, headers = national.headers) => app.inject({ method: 'POST', url: '/api/national/cnfpt-sources', headers, payload });
    expect((await post({ url: 'ftp://cnfpt.fr/flux', resourceType: 'lid' })).json().code).toBe('LINK_INVALID_URL');
    expect((await post({ url: `${base}/absent`, resourceType: 'lid' })).json()).toMatchObject({ code: 'VEILLE_FEED_UNREADABLE' });
    expect((await post({ url: `${base}/x`, resourceType: 'magazine' })).json().code).toBe('VALIDATION_FAILED');
    const { c, animator } = await community();
    expect((await post({ url: `${base}/x`, resourceType: 'lid' }, animator.headers)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/national/cnfpt-sources', headers: animator.headers })).statusCode).toBe(403);
    // The community inbox is the animation team's: a plain member is refused.
    const member = await memberOf(app, c.id);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${c.slug}/veille/cnfpt`, headers: member.headers })).statusCode).toBe(403);
  });

  it('an animator publishes a « ressource CNFPT » by hand; the dashboard counts the month’s, by animator and community', async () => {
    const { c, animator } = await community();
    const create = (payload: object, headers = animator.headers) =>
      app.inject({ method: 'POST', url: `/api/communities/${c.slug}/posts`, headers, payload });
    const lid = await create({ kind: 'ressource', title: 'LID n° 412', body: 'La lettre de ce mois.', cnfptType: 'lid', link: { url: 'https://www.cnfpt.fr/lid-412', source: 'Autre' } });
    expect(lid.statusCode, lid.body).toBe(201);
    expect(lid.json()).toMatchObject({ cnfpt: { type: 'lid', url: 'https://www.cnfpt.fr/lid-412' }, link: { source: 'CNFPT' } });
    // A plain ressource stays a plain card.
    expect((await create({ kind: 'ressource', title: 'Guide', body: 'b', link: { url: 'https://example.org/g' } })).json().cnfpt).toBeNull();
    for (const [payload, field] of [
      [{ kind: 'article', articleType: 'expertise', title: 't', body: 'b', cnfptType: 'lid' }, 'cnfptType'],
      [{ kind: 'ressource', title: 't', body: 'b', cnfptType: 'lid' }, 'link.url'],
      [{ kind: 'ressource', title: 't', body: 'b', cnfptType: 'lid', link: { url: 'javascript:alert(1)' } }, 'link.url'],
    ] as const) {
      const res = await create(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().fields).toHaveProperty([field]);
    }
    const colleague = await memberOf(app, c.id, 'animator');
    expect((await create({ kind: 'ressource', title: 'Formation', body: 'b', cnfptType: 'formation', link: { url: 'https://www.cnfpt.fr/f' } }, colleague.headers)).statusCode).toBe(201);
    // Last month's resource does not count this month.
    await app.pool.query(`UPDATE posts SET created_at = now() - interval '40 days' WHERE id = $1`, [lid.json().id]);
    await create({ kind: 'ressource', title: 'Publication', body: 'b', cnfptType: 'publication', link: { url: 'https://www.cnfpt.fr/p' } });
    const board = await app.inject({ method: 'GET', url: `/api/communities/${c.slug}/steering/animator`, headers: animator.headers });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().cnfptResources).toEqual({ animator: 1, community: 2 });
  });

  it('refuses a source beyond the network’s cap (409 CNFPT_SOURCES_LIMIT), and stores nothing', async () => {
    // The cap is compared with the sources already there: other test files add theirs to this database.
    const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cnfpt_sources');
    const url = `${base}/${unique('cap')}`;
    const first = { kind: 'feed' as const, feed: { title: 'Catalogue', entries: [] }, etag: null, lastModified: null };
    await expect(createCnfptSource(app.db, national.user.id, { url, title: null, resourceType: 'formation' }, first, rows[0]!.n))
      .rejects.toMatchObject({ code: 'CNFPT_SOURCES_LIMIT' });
    expect((await app.pool.query('SELECT 1 FROM cnfpt_sources WHERE url = $1', [url])).rowCount).toBe(0);
  });
});
