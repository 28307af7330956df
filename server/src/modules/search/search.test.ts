import { describe, expect, it } from 'vitest';
import { unique, useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { highlightToHtml } from './highlight.js';
import { SEARCH_WINDOW, searchWindow } from './queries.js';
import { recentWriteCookieName } from '../../plugins/recent-writes.js';

describe('GET /api/search', async () => {
  const { app } = await useTestApp();
  // A word no other test file uses, so hits come only from this file's data.
  const word = unique('zorglub').toLowerCase().replace(/[^a-z]/g, '');

  async function post(slug: string, headers: Record<string, string>, title: string, body: string, kind?: string) {
    const res = await app.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title, body, ...(kind ? { kind } : {}) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }
  const search = (qs: string, headers?: Record<string, string>) => app.inject({ method: 'GET', url: `/api/search?${qs}`, headers });

  const open = await createCommunity(app, { name: 'Politique de la ville test' });
  const author = await memberOf(app, open.id, 'member', { firstName: 'Amélie', lastName: `Poulain ${word}` });
  const reader = await memberOf(app, open.id, 'member');
  const elusId = await post(open.slug, author.headers, `Les élus locaux ${word}`, `Les elus et les habitants des quartiers ${word}.`);
  const commentRes = await app.inject({
    method: 'POST', url: `/api/posts/${elusId}/comments`, headers: reader.headers, payload: { body: `Réponse : le conseil <script>alert(1)</script> citoyen & co ${word}` },
  });
  expect(commentRes.statusCode, commentRes.body).toBe(201);

  it('is accent- and plural-insensitive: "élu" finds "elus" and "élus", highlighted', async () => {
    const res = await search(`q=${encodeURIComponent(`élu ${word}`)}`, reader.headers);
    expect(res.statusCode).toBe(200);
    const [hit] = res.json().items;
    expect(hit).toMatchObject({ type: 'post', id: elusId, post: { id: elusId }, community: { slug: open.slug }, author: { firstName: 'Amélie' } });
    expect(hit.titleHtml).toBe(`Les <mark>élus</mark> locaux <mark>${word}</mark>`);
    expect(hit.excerptHtml).toContain('<mark>elus</mark>');
    const plural = await search(`q=${encodeURIComponent(`quartier ${word}`)}`);
    expect(plural.json().items.map((i: { id: number }) => i.id)).toEqual([elusId]);
  });

  it('finds comments, with their post, and escapes everything but the marks', async () => {
    const res = await search(`q=${encodeURIComponent(`conseil citoyen ${word}`)}`, reader.headers);
    const [hit] = res.json().items;
    expect(hit).toMatchObject({ type: 'comment', post: { id: elusId } });
    expect(hit.excerptHtml).not.toContain('<script>');
    // Tags in the stored HTML are dropped, any other markup comes out escaped: the only elements are marks.
    expect(hit.excerptHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit.excerptHtml).toContain(`&amp; co <mark>${word}</mark>`);
    expect(highlightToHtml('\uE000a<b\uE001 \uE001x\uE000')).toBe('<mark>a&lt;b</mark> x<mark></mark>');
  });

  it('shares a page of hits between readers for a while, but not with whoever just wrote, and drops at once what was hidden or deleted since', async () => {
    const w = unique('antemot').toLowerCase().replace(/[^a-z]/g, '');
    const first = await post(open.slug, author.headers, `Mise en cache ${w}`, `Premier texte ${w}.`);
    const second = await post(open.slug, author.headers, `Autre sujet ${w}`, `Second texte ${w}.`);
    // Within one community: the readable communities are part of the key, and other test files open communities
    // in the shared database meanwhile (each new one would make another key, hence a fresh search).
    const ids = async (headers?: Record<string, string>) =>
      ((await search(`q=${w}&community=${open.slug}`, headers)).json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
    expect(await ids()).toEqual([first, second]);
    // Within SEARCH_CACHE_SECONDS the same search gives the same keys, to anyone who has not written since: a post
    // published since comes later.
    const created = await app.inject({ method: 'POST', url: `/api/communities/${open.slug}/posts`, headers: author.headers, payload: { title: `Troisième ${w}`, body: `Encore ${w}.` } });
    const third = created.json().id as number;
    expect(await ids()).toEqual([first, second]);
    expect(await ids(reader.headers)).toEqual([first, second]);
    // Its author's browser keeps the write's mark for as long as the cache's entries live, and finds the post at once.
    const mark = created.cookies.find((c) => c.name === recentWriteCookieName(app.config.secureCookies));
    expect(mark?.maxAge).toBe(app.config.searchCacheSeconds + 1);
    expect(await ids({ ...author.headers, cookie: `${author.headers.cookie}; ${mark!.name}=${mark!.value}` })).toEqual([first, second, third]);
    // A refused write leaves no mark.
    const refused = await app.inject({ method: 'POST', url: `/api/communities/${open.slug}/posts`, headers: author.headers, payload: { title: '' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.cookies.map((c) => c.name)).not.toContain(mark!.name);
    // Visibility is read for every request: hidden or deleted, a cached hit is gone at once.
    await app.pool.query(`UPDATE posts SET hidden_at = now() WHERE id = $1`, [first]);
    expect(await ids()).toEqual([second]);
    await app.pool.query(`UPDATE posts SET deleted_at = now() WHERE id = $1`, [second]);
    expect(await ids()).toEqual([]);
  });

  it('makes a hit’s excerpt once for a shared page of hits, and again once its text is edited', async () => {
    const w = unique('extrait').toLowerCase().replace(/[^a-z]/g, '');
    const id = await post(open.slug, author.headers, `Atelier ${w}`, `Le premier récit de l’atelier ${w}, raconté en détail.`);
    // The statements that read hits' bodies, while `run` goes.
    async function bodiesRead(run: () => Promise<unknown>): Promise<number> {
      let count = 0;
      const original = app.pool.query.bind(app.pool);
      (app.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
        const q = args[0] as string | { text: string };
        if ((typeof q === 'string' ? q : q.text).includes('body_html FROM posts WHERE id = ANY')) count += 1;
        return (original as (...a: unknown[]) => unknown)(...args);
      };
      try {
        await run();
      } finally {
        (app.pool as unknown as { query: unknown }).query = original;
      }
      return count;
    }
    const excerpt = async (headers?: Record<string, string>) => {
      const res = await search(`q=${w}&community=${open.slug}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: number; excerptHtml: string }[]).find((i) => i.id === id)?.excerptHtml;
    };
    let first: string | undefined;
    expect(await bodiesRead(async () => { first = await excerpt(); })).toBe(1);
    expect(first).toContain(`premier récit de l’atelier <mark>${w}</mark>`);
    // Another reader, same page of hits: the excerpt is reused, no body is read.
    expect(await bodiesRead(async () => expect(await excerpt(reader.headers)).toBe(first))).toBe(0);
    // Edited (straight in the database, as the page of hits stays cached): its row has a new version, a new excerpt.
    await app.pool.query(`UPDATE posts SET body_html = '<p>Le second récit de l’atelier ${w}.</p>' WHERE id = $1`, [id]);
    let edited: string | undefined;
    expect(await bodiesRead(async () => { edited = await excerpt(reader.headers); })).toBe(1);
    expect(edited).toBe(`Le second récit de l’atelier <mark>${w}</mark>.`);
  });

  it('does not show a draft community’s posts to a member, but to its coordinator', async () => {
    const draft = await createCommunity(app, { status: 'draft' });
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    const member = await memberOf(app, draft.id, 'member');
    await app.pool.query(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, $3, 'Préparation', '<p>Préparation</p>')`,
      [draft.id, coordinator.user.id, `Brouillon ${word} secret`],
    );
    const q = `q=${encodeURIComponent(`secret ${word}`)}`;
    expect((await search(q, member.headers)).json().items).toEqual([]);
    expect((await search(q)).json().items).toEqual([]);
    expect((await search(q, coordinator.headers)).json().items).toHaveLength(1);
    expect((await search(`${q}&community=${draft.slug}`, member.headers)).statusCode).toBe(404);
  });

  it('filters by community, kind, author name, and dates', async () => {
    const other = await createCommunity(app);
    const otherMember = await memberOf(app, other.id, 'member', { firstName: 'Bruno' });
    const questionId = await post(other.slug, otherMember.headers, `Question ${word} budget`, `Comment financer ${word} ?`, 'question');
    const base = `q=${encodeURIComponent(word)}`;
    const ids = async (qs: string) => (await search(`${base}&${qs}`)).json().items.map((i: { type: string; id: number }) => `${i.type}:${i.id}`);
    expect(await ids(`community=${other.slug}`)).toEqual([`post:${questionId}`]);
    expect(await ids('kind=question')).toEqual([`post:${questionId}`]);
    expect(await ids(`author=${encodeURIComponent('amelie poulain')}`)).toEqual([`post:${elusId}`]);
    expect(await ids('author=personne-inconnue')).toEqual([]);
    expect(await ids('from=2000-01-01&to=2000-12-31')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ids(`from=${today}`)).length).toBeGreaterThanOrEqual(3);
  });

  it('paginates by cursor without repeating a hit', async () => {
    const first = await search(`q=${encodeURIComponent(word)}&limit=2`);
    expect(first.json().items).toHaveLength(2);
    const cursor = first.json().nextCursor;
    expect(cursor).toBeTruthy();
    const second = await search(`q=${encodeURIComponent(word)}&limit=2&cursor=${cursor}`);
    const seen = [...first.json().items, ...second.json().items].map((i: { type: string; id: number }) => `${i.type}:${i.id}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await search(`q=${word}&cursor=bad`)).statusCode).toBe(400);
    expect((await search(`q=${word}&cursor=${Buffer.from('[1,5,1]').toString('base64url')}`)).statusCode).toBe(400);
  });

  it('reads older and older periods until the window is full, and pages through them in time order', async () => {
    const old = unique('archivum').toLowerCase().replace(/[^a-z]/g, '');
    // Same text, so the same relevance: recency alone orders them. One per probed period and beyond.
    const ages = [2, 30, 300, 1500];
    const ids: number[] = [];
    for (const days of ages) {
      const { rows } = await app.pool.query(
        `INSERT INTO posts (community_id, author_id, title, body_md, body_html, created_at)
         VALUES ($1, $2, $3, 'Compte rendu', '<p>Compte rendu</p>', now() - make_interval(days => $4)) RETURNING id`,
        [open.id, author.user.id, `Rapport ${old}`, days]);
      ids.push(rows[0].id);
    }
    const q = `q=${encodeURIComponent(old)}`;
    expect((await search(q)).json().items.map((i: { id: number }) => i.id)).toEqual(ids);
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await search(`${q}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().items.map((i: { id: number }) => i.id));
      cursor = res.json().nextCursor;
      expect(seen.length).toBeLessThanOrEqual(ages.length);
    }
    expect(seen).toEqual(ids);
    const longAgo = new Date(Date.now() - 1000 * 86_400_000).toISOString().slice(0, 10);
    expect((await search(`${q}&to=${longAgo}`)).json().items.map((i: { id: number }) => i.id)).toEqual([ids[3]]);
    expect((await search(`${q}&from=${longAgo}`)).json().items.map((i: { id: number }) => i.id)).toEqual(ids.slice(0, 3));
    // The route read them the way rarity.ts chose; both ways must find the same hits, in the same order.
    const f = { communityIds: [open.id] };
    const probed = await searchWindow(app.db, old, f, null, false);
    const whole = await searchWindow(app.db, old, f, null, true);
    expect(probed.hits.map((h) => h.id)).toEqual(ids);
    expect(whole).toEqual(probed);
  });

  it('pages through more matches than one ranked window without losing or repeating any', async () => {
    const many = unique('multum').toLowerCase().replace(/[^a-z]/g, '');
    await app.pool.query(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html, created_at)
       SELECT $1, $2, 'Note ' || $3 || ' ' || g, 'Texte', '<p>Texte</p>', now() - make_interval(hours => g * 7)
         FROM generate_series(1, $4::int) g`,
      [open.id, author.user.id, many, SEARCH_WINDOW + 30]);
    const seen = new Set<number>();
    let pages = 0;
    let cursor: string | null = '';
    while (cursor !== null && pages < 10) {
      const res = await search(`q=${many}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of res.json().items as { id: number }[]) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = res.json().nextCursor;
      pages += 1;
    }
    expect(seen.size).toBe(SEARCH_WINDOW + 30);
  });

  it('answers injection-like and odd queries harmlessly, an empty query with 400', async () => {
    for (const q of ["'; DROP TABLE posts; --", '"élu', '!!! & | <-> :*', "l'eau d'Évian", 'or or -', '\\', '()', '\uE000x\uE001', 'le la les']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
    }
    for (const qs of ['q=', 'q=%20%20', '', 'q=x&kind=nope', 'q=x&from=2030-02-30', `q=${'a'.repeat(201)}`]) {
      expect((await search(qs)).statusCode, qs).toBe(400);
    }
    expect((await search('q=')).json().code).toBe('SEARCH_QUERY_REQUIRED');
    expect((await app.pool.query('SELECT count(*)::int AS n FROM posts')).rows[0].n).toBeGreaterThan(0);
  });

  it('ignores deleted posts', async () => {
    const gone = await post(open.slug, author.headers, `Disparu ${word} fantome`, 'Texte');
    await app.inject({ method: 'DELETE', url: `/api/posts/${gone}`, headers: author.headers });
    expect((await search(`q=${encodeURIComponent(`fantome ${word}`)}`)).json().items).toEqual([]);
    const admin = await signIn(app, { nationalRole: 'admin' });
    expect((await search(`q=${encodeURIComponent(`fantome ${word}`)}`, admin.headers)).json().items).toEqual([]);
  });
});
