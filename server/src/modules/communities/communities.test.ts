import { describe, expect, it } from 'vitest';
import { json, unique, useTestApp } from '../../../test/helpers.js';
import { signedInUser as signedInFactory, type CreateUserOptions } from '../../../test/factories.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';

// app.inject wants plain header records; the factory's AuthHeaders is an interface.
async function signedInUser(app: Parameters<typeof signedInFactory>[0], opts?: CreateUserOptions) {
  const r = await signedInFactory(app, opts);
  return { ...r, headers: { ...r.headers } as Record<string, string> };
}

describe('communities: creation, directory, membership', async () => {
  const { app } = await useTestApp();
  const admin = await signedInUser(app, { nationalRole: 'admin' });

  const slug = () => unique('c').toLowerCase();
  const body = (over: Record<string, unknown> = {}) => ({
    slug: slug(), name: `Urbanisme ${unique()}`, description: 'Échanges entre urbanistes.', perimeter: 'Communes',
    targetAudience: 'Agents', editorialLine: 'Bienveillance', status: 'open', launchDate: '2025-01-15', relatedIds: [], ...over,
  });
  const count = async (id: number) =>
    (await app.pool.query<{ member_count: number }>('SELECT member_count FROM communities WHERE id = $1', [id])).rows[0]!.member_count;

  it('lets the national admin create a community, with related ones stored both ways', async () => {
    const other = await createCommunity(app);
    const res = await app.inject({ method: 'POST', url: '/api/communities', headers: admin.headers, payload: body({ relatedIds: [other.id] }) });
    expect(res.statusCode).toBe(201);
    const c = json(res);
    expect(c).toMatchObject({ status: 'open', launchDate: '2025-01-15', memberCount: 0, postCount: 0, myRole: null, perimeter: 'Communes' });
    expect(c.related).toEqual([{ id: other.id, slug: other.slug, name: other.name }]);
    expect(c.can).toMatchObject({ edit: true, appointCoordinator: true, join: true, post: false });
    const back = json(await app.inject({ method: 'GET', url: `/api/communities/${other.slug}`, headers: admin.headers }));
    expect(back.related.map((r: { id: number }) => r.id)).toEqual([c.id]);
  });

  it('refuses creation to a member (403) and to anonymous (401)', async () => {
    const member = await signedInUser(app);
    expect((await app.inject({ method: 'POST', url: '/api/communities', headers: member.headers, payload: body() })).statusCode).toBe(403);
    const anon = await app.inject({ method: 'POST', url: '/api/communities', payload: body() });
    expect(anon.statusCode).toBe(401);
    expect(json(anon).code).toBe('UNAUTHENTICATED');
  });

  it('answers 400 on a bad slug, missing fields, a name over the limit, unknown related ids', async () => {
    for (const payload of [
      body({ slug: 'Pas Bon' }), body({ slug: 'accentué' }), body({ slug: '-x-' }), { slug: slug() },
      body({ name: 'x'.repeat(121) }), body({ name: '   ' }), body({ launchDate: '15/01/2025' }), body({ launchDate: '0000-01-01' }), body({ launchDate: '2025-02-30' }), body({ relatedIds: [999999999] }),
      body({ status: 'closed' }), body({ extra: 1 }),
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/communities', headers: admin.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('answers 409 SLUG_TAKEN on a duplicate slug, even under concurrency', async () => {
    const s = slug();
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: '/api/communities', headers: admin.headers, payload: body({ slug: s }) }),
      app.inject({ method: 'POST', url: '/api/communities', headers: admin.headers, payload: body({ slug: s }) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const again = await app.inject({ method: 'POST', url: '/api/communities', headers: admin.headers, payload: body({ slug: s }) });
    expect(json(again).code).toBe('SLUG_TAKEN');
    const other = await createCommunity(app);
    const patch = await app.inject({ method: 'PATCH', url: `/api/communities/${other.slug}`, headers: admin.headers, payload: { slug: s } });
    expect(patch.statusCode).toBe(409);
  });

  it('directory shows counts and myRole, hides drafts from members, filters by q and status', async () => {
    const tag = unique('Zq');
    const open = await createCommunity(app, { name: `${tag} Écoles` });
    const draft = await createCommunity(app, { name: `${tag} Brouillon`, status: 'draft' });
    const archived = await createCommunity(app, { name: `${tag} Archives`, status: 'archived' });
    const member = await signedInUser(app);
    const coord = await signedInUser(app);
    await addMember(app, open.id, member.user.id);
    await addMember(app, draft.id, coord.user.id, 'coordinator');
    const list = async (headers: object | undefined, query = '') =>
      json(await app.inject({ method: 'GET', url: `/api/communities?q=${encodeURIComponent(tag.toLowerCase())}${query}`, headers: headers as never })).items;

    const seen = await list(member.headers);
    expect(seen.map((c: { id: number }) => c.id)).toEqual([archived.id, open.id]);
    expect(seen[1]).toMatchObject({ memberCount: 1, myRole: 'member', status: 'open' });
    expect(seen[0]).toMatchObject({ memberCount: 0, myRole: null });
    expect((await list(undefined)).map((c: { id: number }) => c.id)).toEqual([archived.id, open.id]);
    expect((await list(admin.headers)).map((c: { id: number }) => c.id)).toEqual([archived.id, draft.id, open.id]);
    const byCoord = await list(coord.headers);
    expect(byCoord.map((c: { id: number }) => c.id)).toEqual([archived.id, draft.id, open.id]);
    expect(byCoord[1].myRole).toBe('coordinator');
    expect((await list(member.headers, '&status=archived')).map((c: { id: number }) => c.id)).toEqual([archived.id]);
    // Accent- and case-insensitive.
    const accent = json(await app.inject({ method: 'GET', url: `/api/communities?q=${encodeURIComponent(`${tag} ecoles`.toUpperCase())}` })).items;
    expect(accent.map((c: { id: number }) => c.id)).toEqual([open.id]);
    // A draft is a 404 for those who may not see it.
    expect((await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}`, headers: member.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/communities/${draft.slug}`, headers: coord.headers })).statusCode).toBe(200);
  });

  it('walks the directory page by page', async () => {
    const tag = unique('Pg');
    const made = [];
    for (let i = 0; i < 7; i += 1) made.push(await createCommunity(app, { name: `${tag} ${String.fromCharCode(71 - i)}` }));
    // Two with the same name: the id breaks the tie.
    made.push(await createCommunity(app, { name: `${tag} A` }));
    const expected = made.slice().sort((a, b) => (a.name === b.name ? a.id - b.id : a.name < b.name ? -1 : 1)).map((c) => c.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/communities?q=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = json(await app.inject({ method: 'GET', url }));
      seen.push(...page.items.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect((await app.inject({ method: 'GET', url: '/api/communities?cursor=zzz' })).statusCode).toBe(400);
  });

  it('join and leave keep member_count exact and are idempotent', async () => {
    const c = await createCommunity(app);
    const u = await signedInUser(app, { verified: false });
    const url = `/api/communities/${c.slug}/membership`;
    const joined = await app.inject({ method: 'POST', url, headers: u.headers });
    expect(joined.statusCode).toBe(200);
    expect(json(joined)).toMatchObject({ memberCount: 1, myRole: 'member', can: { join: false, leave: true, post: false } });
    await Promise.all([app.inject({ method: 'POST', url, headers: u.headers }), app.inject({ method: 'POST', url, headers: u.headers })]);
    expect(await count(c.id)).toBe(1);
    const left = await app.inject({ method: 'DELETE', url, headers: u.headers });
    expect(json(left)).toMatchObject({ memberCount: 0, myRole: null, can: { join: true, leave: false } });
    await app.inject({ method: 'DELETE', url, headers: u.headers });
    expect(await count(c.id)).toBe(0);
    expect((await app.inject({ method: 'POST', url })).statusCode).toBe(401);
  });

  it('refuses joining a draft or archived community', async () => {
    const u = await signedInUser(app);
    const archived = await createCommunity(app, { status: 'archived' });
    const res = await app.inject({ method: 'POST', url: `/api/communities/${archived.slug}/membership`, headers: u.headers });
    expect(res.statusCode).toBe(403);
    expect(json(res).code).toBe('COMMUNITY_NOT_OPEN');
    const draft = await createCommunity(app, { status: 'draft' });
    const res2 = await app.inject({ method: 'POST', url: `/api/communities/${draft.slug}/membership`, headers: admin.headers });
    expect(json(res2).code).toBe('COMMUNITY_NOT_OPEN');
    expect(await count(archived.id)).toBe(0);
  });

  it('a coordinator who leaves loses the role', async () => {
    const c = await createCommunity(app);
    const coord = await signedInUser(app);
    await addMember(app, c.id, coord.user.id, 'coordinator');
    await app.inject({ method: 'DELETE', url: `/api/communities/${c.slug}/membership`, headers: coord.headers });
    const after = json(await app.inject({ method: 'POST', url: `/api/communities/${c.slug}/membership`, headers: coord.headers }));
    expect(after).toMatchObject({ myRole: 'member', coordinators: [], memberCount: 1 });
  });

  it('answers 404 COMMUNITY_NOT_FOUND for an unknown slug', async () => {
    const u = await signedInUser(app);
    for (const [method, url] of [['GET', '/api/communities/nope-x'], ['POST', '/api/communities/nope-x/membership'],
      ['GET', '/api/communities/nope-x/members'], ['PATCH', '/api/communities/nope-x']] as const) {
      const res = await app.inject({ method, url, headers: u.headers, ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}) });
      expect(res.statusCode, url).toBe(404);
      expect(json(res).code).toBe('COMMUNITY_NOT_FOUND');
    }
  });
});
