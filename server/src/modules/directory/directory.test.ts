import { describe, expect, it } from 'vitest';
import { createCommunity, addMember } from '../../../test/community-factories.js';
import { unique, useTestApp } from '../../../test/helpers.js';
import { signIn } from '../posts/posts.fixtures.js';
import { createUser, signedInUser } from '../../../test/factories.js';

const { app } = await useTestApp();

type Headers = Record<string, string>;

async function settings(headers: Headers, change: Record<string, boolean>) {
  const res = await app.inject({ method: 'PATCH', url: '/api/me/directory-settings', headers, payload: change });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function search(headers: Headers, query: Record<string, string | number>) {
  const res = await app.inject({ method: 'GET', url: '/api/directory', headers, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: number; firstName: string; lastName: string; employer: string | null; job: string | null; departement: string | null; region: { code: string } | null }[]; nextCursor: string | null };
}

describe('member directory', () => {
  it('hides employer, job, territory and e-mail by default and shows what the member chooses', async () => {
    const viewer = await signIn(app);
    const member = await signIn(app, { employer: 'Métropole de Lyon', job: 'Urbaniste', departement: '69' });
    const first = await app.inject({ method: 'GET', url: `/api/members/${member.user.id}`, headers: viewer.headers });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ employer: null, job: null, departement: null, region: null, email: null });
    // The owner always sees their own details.
    const own = await app.inject({ method: 'GET', url: `/api/members/${member.user.id}`, headers: member.headers });
    expect(own.json()).toMatchObject({ employer: 'Métropole de Lyon', job: 'Urbaniste', departement: '69', email: member.user.email });

    expect((await app.inject({ method: 'GET', url: '/api/me/directory-settings', headers: member.headers })).json()).toEqual({
      listed: true, showEmployer: false, showJob: false, showTerritory: false, showEmail: false, messageEmail: true,
    });
    expect(await settings(member.headers, { showJob: true, showTerritory: true, showEmail: true })).toMatchObject({ showJob: true, showEmployer: false });
    const after = (await app.inject({ method: 'GET', url: `/api/members/${member.user.id}`, headers: viewer.headers })).json();
    expect(after).toMatchObject({ employer: null, job: 'Urbaniste', departement: '69', region: { code: 'ARA', name: 'Auvergne-Rhône-Alpes' }, email: member.user.email });
    // The account's profile page (/users/:id) honours the same choices.
    const legacy = (await app.inject({ method: 'GET', url: `/api/users/${member.user.id}`, headers: viewer.headers })).json();
    expect(legacy).toMatchObject({ employer: '', job: 'Urbaniste', departement: '69' });
  });

  it('finds names without accents or case, tolerates a typo, and leaves out unlisted, deleted and banned members', async () => {
    const viewer = await signIn(app);
    const family = `Lefèvre${unique('n').slice(-6)}`;
    const plain = family.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const helene = await signIn(app, { firstName: 'Hélène', lastName: family });
    const hidden = await signIn(app, { firstName: 'Héloïse', lastName: family });
    const gone = await signIn(app, { firstName: 'Hector', lastName: family });
    const banned = await signIn(app, { firstName: 'Hervé', lastName: family });
    await settings(hidden.headers, { listed: false });
    await app.pool.query('UPDATE users SET deleted_at = now() WHERE id = $1', [gone.user.id]);
    await app.pool.query('UPDATE users SET banned_at = now() WHERE id = $1', [banned.user.id]);

    const found = await search(viewer.headers, { q: `helene ${plain}` });
    expect(found.items.map((m) => m.id)).toContain(helene.user.id);
    const byFamily = await search(viewer.headers, { q: plain.toUpperCase() });
    expect(byFamily.items.map((m) => m.id)).toEqual([helene.user.id]);
    // One letter wrong ("lefevra…" for "lefevre…") still matches on trigrams.
    const typo = await search(viewer.headers, { q: plain.replace('lefevre', 'lefevra') });
    expect(typo.items.map((m) => m.id)).toContain(helene.user.id);
    const profile = await app.inject({ method: 'GET', url: `/api/members/${banned.user.id}`, headers: viewer.headers });
    expect(profile.statusCode).toBe(404);
    expect(profile.json().code).toBe('USER_NOT_FOUND');
  });

  it('filters by job, employer, département and region only on details the member shows', async () => {
    const viewer = await signIn(app);
    const job = `Géomaticienne ${unique('j')}`;
    const shown = await signIn(app, { job, employer: 'Département du Rhône', departement: '69' });
    const secret = await signIn(app, { job, employer: 'Département du Rhône', departement: '69' });
    await settings(shown.headers, { showJob: true, showEmployer: true, showTerritory: true });
    const needle = job.replace('Géomaticienne', 'GEOMATICIENNE');
    expect((await search(viewer.headers, { job: needle })).items.map((m) => m.id)).toEqual([shown.user.id]);
    const inRegion = await search(viewer.headers, { job: needle, region: 'ARA' });
    expect(inRegion.items).toEqual([expect.objectContaining({ id: shown.user.id, departement: '69', region: { code: 'ARA', name: 'Auvergne-Rhône-Alpes' }, employer: 'Département du Rhône' })]);
    expect((await search(viewer.headers, { job: needle, region: 'IDF' })).items).toEqual([]);
    expect((await search(viewer.headers, { job: needle, departement: '69', employer: 'departement du rhone' })).items.map((m) => m.id)).toEqual([shown.user.id]);
    expect((await search(viewer.headers, { job: needle, departement: '75' })).items).toEqual([]);
    expect(secret.user.id).not.toBe(shown.user.id);
  });

  it('pages a job filter the same way whether the alphabetical window or the trigram index answers', async () => {
    const viewer = await signIn(app);
    const job = `Archiviste ${unique('w')}`;
    const ids: number[] = [];
    for (const first of ['Alice', 'Bernard', 'Claire', 'Damien']) {
      const m = await signIn(app, { firstName: first, lastName: `Arc${unique('a').slice(-5)}`, job });
      await settings(m.headers, { showJob: true });
      ids.push(m.user.id);
    }
    // limit 2: the first page comes from the window (three matches in it), the last from the index.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(viewer.headers, { job: job.toLowerCase(), limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort((a, b) => a - b)).toEqual(ids.sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(4);
  });

  it('filters by community and pages alphabetically with a keyset cursor', async () => {
    const viewer = await signIn(app);
    const community = await createCommunity(app);
    const family = `Zyzzy${unique('p').slice(-6)}`;
    const ids: number[] = [];
    for (const first of ['Émile', 'Anne', 'Bruno', 'Chloé', 'Denis']) {
      const m = await signIn(app, { firstName: first, lastName: family });
      await addMember(app, community.id, m.user.id);
      ids.push(m.user.id);
    }
    await signIn(app, { firstName: 'Outsider', lastName: family });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(viewer.headers, { community: community.slug, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.firstName));
      cursor = page.nextCursor;
    } while (cursor);
    // Unaccented order: Émile sorts with the E's.
    expect(seen).toEqual(['Anne', 'Bruno', 'Chloé', 'Denis', 'Émile']);
    const missing = await app.inject({ method: 'GET', url: '/api/directory?community=nope-nope', headers: viewer.headers });
    expect(missing.statusCode).toBe(404);
    const badCursor = await app.inject({ method: 'GET', url: '/api/directory?cursor=zzz', headers: viewer.headers });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().code).toBe('INVALID_CURSOR');
  });

  it('shows a member’s readable posts, newest first, keyset-paginated', async () => {
    const viewer = await signIn(app);
    const author = await signIn(app);
    const open = await createCommunity(app);
    const draft = await createCommunity(app, { status: 'draft' });
    await addMember(app, open.id, author.user.id);
    await addMember(app, draft.id, author.user.id);
    const insert = (communityId: number, title: string, minutesAgo: number, hidden = false) => app.pool.query(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt, created_at, hidden_at)
       VALUES ($1, $2, $3, 'x', '<p>x</p>', 'x', now() - make_interval(mins => $4), $5) RETURNING id`,
      [communityId, author.user.id, title, minutesAgo, hidden ? new Date() : null]);
    await insert(open.id, 'Plus ancien', 30);
    await insert(open.id, 'Récent', 10);
    await insert(open.id, 'Milieu', 20);
    await insert(open.id, 'Masqué par la modération', 5, true);
    await insert(draft.id, 'En préparation', 1);
    const first = await app.inject({ method: 'GET', url: `/api/members/${author.user.id}/posts?limit=2`, headers: viewer.headers });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((p: { title: string }) => p.title)).toEqual(['Récent', 'Milieu']);
    const page2 = (await app.inject({ method: 'GET', url: `/api/members/${author.user.id}/posts?limit=2&cursor=${page1.nextCursor}`, headers: viewer.headers })).json();
    expect(page2.items.map((p: { title: string }) => p.title)).toEqual(['Plus ancien']);
    expect(page2.nextCursor).toBeNull();
    const profile = (await app.inject({ method: 'GET', url: `/api/members/${author.user.id}`, headers: viewer.headers })).json();
    expect(profile.memberships.map((m: { community: { slug: string } }) => m.community.slug)).toEqual([open.slug]);
    // Those who see the draft (the national team, its coordinators) see its posts too.
    const admin = await signIn(app, { nationalRole: 'admin' });
    const seen = (await app.inject({ method: 'GET', url: `/api/members/${author.user.id}/posts`, headers: admin.headers })).json();
    expect(seen.items.map((p: { title: string }) => p.title)).toEqual(['En préparation', 'Récent', 'Milieu', 'Plus ancien']);
  });

  it('answers in French: sign-in needed, a profile field over its limit, an unknown setting', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/directory?q=martin' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toBe('Vous devez être connecté·e.');
    const member = await signIn(app);
    const long = await app.inject({ method: 'PATCH', url: '/api/me', headers: member.headers, payload: { job: 'x'.repeat(121) } });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { job: 'Au plus 120 caractères.' } });
    const unknown = await app.inject({ method: 'PATCH', url: '/api/me/directory-settings', headers: member.headers, payload: { showSalary: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    const shortQuery = await app.inject({ method: 'GET', url: '/api/directory?q=a', headers: member.headers });
    expect(shortQuery.statusCode).toBe(400);
  });
});

describe('the account’s profile page (/users/:id)', () => {
  it('shows a public profile without private fields, hiding draft communities', async () => {
    const { user } = await createUser(app, { job: 'Directrice générale des services' });
    const { rows: [draft] } = await app.pool.query(`INSERT INTO communities (slug, name, status) VALUES ($1, 'Brouillon', 'draft') RETURNING id`, [unique('d')]);
    const { rows: [open] } = await app.pool.query(`INSERT INTO communities (slug, name, status) VALUES ($1, 'Ouverte', 'open') RETURNING id`, [unique('o')]);
    await app.pool.query(`INSERT INTO memberships (community_id, user_id) VALUES ($1, $3), ($2, $3)`, [draft.id, open.id, user.id]);

    const viewer = await signedInUser(app);
    // The job is hidden until the member chooses to show it (directory settings).
    expect((await app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: viewer.headers })).json().job).toBe('');
    await app.pool.query('INSERT INTO member_settings (user_id, show_job) VALUES ($1, true)', [user.id]);
    const res = await app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: viewer.headers });
    expect(res.statusCode).toBe(200);
    const profile = res.json();
    expect(profile).toMatchObject({ id: user.id, job: 'Directrice générale des services', can: { edit: false } });
    expect(profile).not.toHaveProperty('email');
    expect(profile.memberships.map((m: { community: { name: string } }) => m.community.name)).toEqual(['Ouverte']);

    const admin = await signedInUser(app, { nationalRole: 'admin' });
    const seen = (await app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: admin.headers })).json();
    expect(seen.memberships).toHaveLength(2);

    expect((await app.inject({ method: 'GET', url: '/api/users/999999999', headers: viewer.headers })).json().code).toBe('USER_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/users/abc', headers: viewer.headers })).statusCode).toBe(400);
  });
});
