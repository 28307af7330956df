import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { BROKEN_AFTER, pollDueSources } from './poller.js';

/**
 * Veille against a real local HTTP server serving feeds; only the test configuration
 * (veilleAllowLoopback) lets the fetch reach 127.0.0.1. Nothing reaches the Internet.
 */

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Actualités de l&apos;ANCT</title><link>https://anct.example/</link>${items}</channel></rss>`;
const item = (n: number, extra = '') => `<item><title>Article ${n} &amp; suite</title><link>https://anct.example/a/${n}</link>
<guid isPermaLink="false">anct-${n}</guid><pubDate>Mon, 0${n} Sep 2025 10:00:00 +0200</pubDate>
<description><![CDATA[<p>Résumé <b>${n}</b></p><script>alert(1)</script>]]></description>${extra}</item>`;

const ATOM = `<?xml version="1.0" encoding="ISO-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Journal officiel : sélection</title>
<entry><title type="html">D&#233;cret n&#176; 1</title><id>urn:jo:1</id><link rel="alternate" href="/jo/1"/>
<updated>2025-09-03T08:00:00Z</updated><summary>Texte du décret</summary></entry>
<entry><title>Même article que l’ANCT</title><id>urn:jo:2</id><link href="https://anct.example/a/1#haut"/></entry>
<entry><title>Sans lien</title><id>urn:jo:3</id></entry>
</feed>`;

let server: Server;
let base = '';
/** What /news serves; tests change it to make the feed grow. */
let newsItems = [1, 2];
const requests: { url: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = [];
let flaky = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push({ url, ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] });
    if (url === '/news') {
      if (flaky) return res.writeHead(503).end('maintenance');
      const etag = `"v${newsItems.join('-')}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
      return res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': 'Mon, 01 Sep 2025 10:00:00 GMT' })
        .end(rss(newsItems.map((n) => item(n)).join('')));
    }
    if (url === '/atom') return res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(Buffer.from(ATOM, 'latin1'));
    if (url === '/broken-xml') {
      return res.writeHead(200, { 'content-type': 'text/xml' })
        .end('<rss><channel><title>Cassé<item><title>Un & deux</title><link>https://cassé.example/1</link></item><item><title>Fin');
    }
    if (url === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Pas un flux</body></html>');
    if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss><channel><title>Énorme</title>');
      for (let i = 0; i < 100; i += 1) res.write(`<!-- ${'x'.repeat(32 * 1024)} -->`);
      return res.end('</channel></rss>');
    }
    if (url.startsWith('/loop')) return res.writeHead(302, { location: `/loop${Number(url.slice(5) || 0) + 1}` }).end();
    if (url === '/to-private') return res.writeHead(302, { location: 'http://192.168.1.1/feed' }).end();
    if (url === '/slow') return; // never answers: the 10 s budget ends it
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => { server.closeAllConnections(); server.close(); });

describe('veille sources and inbox', async () => {
  const { app } = await useTestApp({ veilleAllowLoopback: true });
  const strict = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object, headers = animator.headers) =>
      app.inject({ method, url: `/api/communities/${community.slug}/veille${path}`, headers, ...(payload ? { payload } : {}) });
    return { community, animator, api };
  }

  it('registers a feed, fills the inbox, polls conditionally, and publishes an item with a commentary in one step', async () => {
    const { community, animator, api } = await setup();
    newsItems = [1, 2];
    const created = await api('POST', '/sources', { url: `${base}/news` });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ title: 'Actualités de l\'ANCT', itemCount: 2, pendingCount: 2, error: null });
    expect((await api('POST', '/sources', { url: `${base}/news` })).json().code).toBe('VEILLE_SOURCE_EXISTS');

    const inbox = (await api('GET', '/inbox')).json();
    expect(inbox.items.map((i: { title: string }) => i.title)).toEqual(['Article 2 & suite', 'Article 1 & suite']);
    // HTML of the description is reduced to its text; the script never reaches the inbox.
    expect(inbox.items[0]).toMatchObject({ link: 'https://anct.example/a/2', summary: 'Résumé 2', publishedAt: '2025-09-02T08:00:00.000Z' });

    // Unchanged feed: the poll sends the validators and gets a 304.
    requests.length = 0;
    const sourceId = created.json().id as number;
    const same = await api('POST', `/sources/${sourceId}/poll`);
    expect(same.json()).toMatchObject({ added: 0 });
    expect(requests[0]).toMatchObject({ ifNoneMatch: '"v1-2"', ifModifiedSince: 'Mon, 01 Sep 2025 10:00:00 GMT' });

    // The feed grows: the job (as the worker runs it) adds only the new item, even run twice.
    newsItems = [1, 2, 3];
    await app.pool.query('UPDATE veille_sources SET next_poll_at = now() WHERE id = $1', [sourceId]);
    const run = await pollDueSources(app.db, { allowLoopback: true });
    expect(run).toMatchObject({ polled: 1, added: 1, failed: 0 });
    await app.pool.query('UPDATE veille_sources SET next_poll_at = now(), etag = NULL WHERE id = $1', [sourceId]);
    expect(await pollDueSources(app.db, { allowLoopback: true })).toMatchObject({ polled: 1, added: 0 });
    const third = (await api('GET', '/inbox')).json().items[0];
    expect(third.title).toBe('Article 3 & suite');

    const published = await api('POST', `/items/${third.id}/publish`, { commentary: 'À lire : le **point 3** nous concerne.', tags: ['ANCT'] });
    expect(published.statusCode, published.body).toBe(201);
    const post = (await app.inject({ method: 'GET', url: `/api/posts/${published.json().postId}`, headers: animator.headers })).json();
    expect(post).toMatchObject({
      kind: 'veille', title: 'Article 3 & suite',
      link: { url: 'https://anct.example/a/3', title: 'Article 3 & suite', source: 'Actualités de l\'ANCT', description: 'Résumé 3' },
    });
    expect(post.bodyHtml).toContain('<strong>point 3</strong>');
    // Published once: a second click, or a dismissal, is refused; the item left the inbox.
    expect((await api('POST', `/items/${third.id}/publish`, { commentary: 'Encore' })).json().code).toBe('VEILLE_ITEM_DECIDED');
    expect((await api('POST', `/items/${third.id}/dismiss`)).json().code).toBe('VEILLE_ITEM_DECIDED');
    const after = (await api('GET', '/inbox')).json().items.map((i: { id: number }) => i.id);
    expect(after).not.toContain(third.id);
    expect(after).toHaveLength(2);

    expect((await api('POST', `/items/${after[0]}/dismiss`)).json()).toEqual({ ok: true });
    expect((await api('GET', '/inbox')).json().items).toHaveLength(1);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM posts WHERE community_id = $1', [community.id]);
    expect(rows[0].n).toBe(1);
  });

  it('reads Atom in another encoding, resolves relative links and removes duplicates by link across sources', async () => {
    const { api } = await setup();
    newsItems = [1, 2];
    expect((await api('POST', '/sources', { url: `${base}/news`, title: 'ANCT' })).statusCode).toBe(201);
    const atom = await api('POST', '/sources', { url: `${base}/atom` });
    expect(atom.statusCode, atom.body).toBe(201);
    // Three entries: one without a link is skipped, one is the ANCT article already in the inbox.
    expect(atom.json()).toMatchObject({ title: 'Journal officiel : sélection', itemCount: 1 });
    const items = (await api('GET', '/inbox?limit=2')).json();
    expect(items.items[0]).toMatchObject({ title: 'Décret n° 1', link: `${base}/jo/1`, source: { title: 'Journal officiel : sélection' } });
    expect(items.nextCursor).not.toBeNull();
    const next = (await api('GET', `/inbox?limit=2&cursor=${items.nextCursor}`)).json();
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    expect((await api('GET', '/sources')).json().items.map((s: { title: string }) => s.title)).toEqual(['ANCT', 'Journal officiel : sélection']);
  });

  it('refuses hostile or unreadable feeds with a stable code and a reason', async () => {
    const { api } = await setup();
    const cases: [string, number, string, RegExp?][] = [
      [`${base}/html`, 400, 'VEILLE_FEED_UNREADABLE', /pas un flux RSS ou Atom/],
      [`${base}/huge`, 400, 'VEILLE_FEED_UNREADABLE', /plus de 2 Mio/],
      [`${base}/loop`, 400, 'VEILLE_FEED_UNREADABLE', /redirections/],
      [`${base}/missing`, 400, 'VEILLE_FEED_UNREADABLE', /HTTP 404/],
      [`${base}/to-private`, 400, 'VEILLE_PRIVATE_ADDRESS'],
      ['ftp://example.org/feed', 400, 'LINK_INVALID_URL'],
    ];
    for (const [url, status, code, message] of cases) {
      const res = await api('POST', '/sources', { url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json().code, url).toBe(code);
      if (message) expect(res.json().message, url).toMatch(message);
    }
    // Malformed XML is read as far as it goes, without crashing.
    const broken = await api('POST', '/sources', { url: `${base}/broken-xml` });
    expect(broken.statusCode, broken.body).toBe(201);
    expect((await api('GET', '/inbox')).json().items.map((i: { title: string }) => i.title)).toContain('Un & deux');
  });

  it('refuses loopback addresses without the test flag, and private ones always', async () => {
    const community = await createCommunity(strict.app);
    const animator = await memberOf(strict.app, community.id, 'animator');
    for (const url of [`${base}/news`, 'http://10.1.2.3/feed', 'http://[::1]/feed', 'http://169.254.169.254/latest']) {
      const res = await strict.app.inject({ method: 'POST', url: `/api/communities/${community.slug}/veille/sources`, headers: animator.headers, payload: { url } });
      expect(res.json().code, url).toBe('VEILLE_PRIVATE_ADDRESS');
    }
  });

  it('reports a broken feed with its error and last success, and tells the animation team once', async () => {
    const { community, animator, api } = await setup();
    newsItems = [1];
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const source = (await api('POST', '/sources', { url: `${base}/news` })).json();
    flaky = true;
    try {
      for (let i = 0; i < BROKEN_AFTER + 1; i += 1) {
        await app.pool.query('UPDATE veille_sources SET next_poll_at = now() WHERE id = $1', [source.id]);
        expect((await pollDueSources(app.db, { allowLoopback: true })).failed).toBe(1);
      }
    } finally {
      flaky = false;
    }
    const listed = (await api('GET', '/sources')).json().items[0];
    expect(listed.error).toMatchObject({ message: 'le site a répondu HTTP 503', failuresInARow: BROKEN_AFTER + 1 });
    expect(listed.lastSuccessAt).toBe(source.lastSuccessAt);
    // Backed off: not due again right away.
    expect((await pollDueSources(app.db, { allowLoopback: true })).polled).toBe(0);
    for (const who of [animator, coordinator]) {
      const list = (await app.inject({ method: 'GET', url: '/api/notifications', headers: who.headers })).json().items
        .filter((n: { kind: string }) => n.kind === 'veille_source_broken');
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ title: 'Actualités de l\'ANCT', action: 'le site a répondu HTTP 503', link: `/communautes/${community.slug}/veille` });
    }
    // Back to normal: the error clears.
    const ok = (await api('POST', `/sources/${source.id}/poll`)).json();
    expect(ok.source).toMatchObject({ error: null });
  });

  it('a slow feed ends at the time limit', async () => {
    const { api } = await setup();
    const started = Date.now();
    const res = await api('POST', '/sources', { url: `${base}/slow` });
    expect(res.json().message).toMatch(/pas de réponse complète en 10 s/);
    expect(Date.now() - started).toBeLessThan(14_000);
  }, 20_000);

  it('keeps veille to the animation team', async () => {
    const { community, api } = await setup();
    const member = await memberOf(app, community.id);
    const outsider = await memberOf(app, (await createCommunity(app)).id, 'animator');
    for (const who of [member, outsider]) {
      expect((await api('GET', '/inbox', undefined, who.headers)).statusCode).toBe(403);
      expect((await api('POST', '/sources', { url: `${base}/news` }, who.headers)).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/veille/inbox` })).statusCode).toBe(401);
    // Another community's item id answers 404, like a missing one.
    const other = await setup();
    newsItems = [7];
    await other.api('POST', '/sources', { url: `${base}/news` });
    const otherItem = (await other.api('GET', '/inbox')).json().items[0].id;
    expect((await api('POST', `/items/${otherItem}/dismiss`)).json().code).toBe('VEILLE_ITEM_NOT_FOUND');
    expect((await api('DELETE', '/sources/999999')).json().code).toBe('VEILLE_SOURCE_NOT_FOUND');
  });
});
