import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

describe('shared pages (co-written pages)', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    const alice = await memberOf(app, community.id);
    const bob = await memberOf(app, community.id);
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/shared-pages`, headers: alice.headers,
      payload: { title: 'Guide du NPNRU', body: 'Première ligne.\n\nDeuxième ligne.', summary: 'Ébauche' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { community, animator, alice, bob, page: res.json() };
  }

  const save = (id: number, headers: Record<string, string>, body: string, baseRevision: number, title = 'Guide du NPNRU') =>
    app.inject({ method: 'PUT', url: `/api/shared-pages/${id}`, headers, payload: { title, body, baseRevision } });

  it('creates a page rendered at write time (sanitized), lists it, reads it anonymously', async () => {
    const { community, page, alice } = await setup();
    expect(page).toMatchObject({ revision: 1, bodyHtml: '<p>Première ligne.</p>\n<p>Deuxième ligne.</p>\n', locked: null, can: { edit: true, lock: false } });
    const xss = await save(page.id, alice.headers, 'Texte <script>alert(1)</script> [lien](javascript:alert(1))', 1);
    expect(xss.json().bodyHtml).not.toMatch(/<script|href="javascript/);
    expect(xss.json().bodyHtml).toContain('&lt;script&gt;');
    const list = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/shared-pages` });
    expect(list.json().items[0]).toMatchObject({ id: page.id, revision: 2, locked: false });
    const anon = await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json().can).toEqual({ edit: false, lock: false, restore: false });
    const anonWrite = await save(page.id, {}, 'x', 2);
    expect(anonWrite.statusCode).toBe(401);
  });

  it('keeps every revision, diffs two of them by lines and words, restores an old one as a new revision', async () => {
    const { page, alice, bob } = await setup();
    expect((await save(page.id, bob.headers, 'Première ligne.\n\nDeuxième ligne modifiée.\n\nTroisième.', 1)).statusCode).toBe(200);
    const history = await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}/revisions?limit=1` });
    expect(history.json().items.map((r: { number: number }) => r.number)).toEqual([2]);
    const older = await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}/revisions?limit=1&cursor=${history.json().nextCursor}` });
    expect(older.json()).toMatchObject({ items: [{ number: 1, summary: 'Ébauche' }], nextCursor: null });

    const lines = (await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}/diff?from=1&to=2` })).json();
    expect(lines.body).toEqual([
      { op: 'equal', text: 'Première ligne.\n\n' },
      { op: 'delete', text: 'Deuxième ligne.' },
      { op: 'insert', text: 'Deuxième ligne modifiée.\n\nTroisième.' },
    ]);
    const words = (await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}/diff?from=1&to=2&mode=words` })).json();
    expect(words.body.filter((p: { op: string }) => p.op === 'insert').map((p: { text: string }) => p.text).join('')).toContain('modifiée');
    expect(words.exact).toBe(true);

    const restored = await app.inject({ method: 'POST', url: `/api/shared-pages/${page.id}/restore`, headers: alice.headers, payload: { revision: 1, baseRevision: 2 } });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ revision: 3, bodyMd: 'Première ligne.\n\nDeuxième ligne.' });
    const top = (await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}/revisions` })).json().items[0];
    expect(top).toMatchObject({ number: 3, restoredFrom: 1, summary: 'Restauration de la version 1' });
    const missing = await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}/diff?from=1&to=9` });
    expect(missing.json().code).toBe('WIKI_REVISION_NOT_FOUND');
  });

  it('refuses a save based on an old revision with 409, keeping both texts', async () => {
    const { page, alice, bob } = await setup();
    expect((await save(page.id, alice.headers, 'Version d’Alice', 1)).statusCode).toBe(200);
    const late = await save(page.id, bob.headers, 'Version de Bob', 1);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('WIKI_EDIT_CONFLICT');
    expect(late.json().message).toMatch(/pas perdu/);
    const current = (await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}` })).json();
    expect(current).toMatchObject({ revision: 2, bodyMd: 'Version d’Alice' });
    // Bob, having seen what changed, saves on top of the new revision.
    expect((await save(page.id, bob.headers, 'Version d’Alice\n\net de Bob', 2)).statusCode).toBe(200);
  });

  it('lets exactly one of many simultaneous saves of the same revision win', async () => {
    const { page, alice, bob, animator } = await setup();
    const writers = [alice, bob, animator, alice, bob, animator];
    const results = await Promise.all(writers.map((w, i) => save(page.id, w.headers, `Texte concurrent ${i}`, 1)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    const revisions = await app.pool.query('SELECT number FROM wiki_revisions WHERE page_id = $1 ORDER BY number', [page.id]);
    expect(revisions.rows.map((r) => r.number)).toEqual([1, 2]);
    const winner = results.findIndex((r) => r.statusCode === 200);
    expect((await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}` })).json().bodyMd).toBe(`Texte concurrent ${winner}`);
  });

  it('lets the animation lock a page: members may no longer edit it, staff still can', async () => {
    const { page, alice, animator } = await setup();
    const byMember = await app.inject({ method: 'POST', url: `/api/shared-pages/${page.id}/lock`, headers: alice.headers });
    expect(byMember.statusCode).toBe(403);
    const locked = await app.inject({ method: 'POST', url: `/api/shared-pages/${page.id}/lock`, headers: animator.headers });
    expect(locked.json()).toMatchObject({ locked: { by: { id: animator.user.id } }, can: { edit: true, lock: true } });
    const refused = await save(page.id, alice.headers, 'Tentative', 1);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('WIKI_PAGE_LOCKED');
    expect((await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}`, headers: alice.headers })).json().can.edit).toBe(false);
    expect((await save(page.id, animator.headers, 'Par l’animation', 1)).statusCode).toBe(200);
    await app.inject({ method: 'DELETE', url: `/api/shared-pages/${page.id}/lock`, headers: animator.headers });
    expect((await save(page.id, alice.headers, 'De nouveau libre', 2)).statusCode).toBe(200);
  });

  it('tells the others who has the editor open, until that person saves, leaves or stops renewing', async () => {
    const { page, alice, bob } = await setup();
    const editing = (method: 'PUT' | 'DELETE', headers: Record<string, string>) =>
      app.inject({ method, url: `/api/shared-pages/${page.id}/editing`, headers });
    const read = async (headers: Record<string, string>) => (await app.inject({ method: 'GET', url: `/api/shared-pages/${page.id}`, headers })).json();
    expect((await editing('PUT', alice.headers)).json().editing).toBeNull();
    expect((await read(bob.headers)).editing).toMatchObject({ by: { id: alice.user.id } });
    // The first editor keeps the claim; Bob opening the editor too does not hide her.
    expect((await editing('PUT', bob.headers)).json().editing).toMatchObject({ by: { id: alice.user.id } });
    expect((await save(page.id, alice.headers, 'Version d’Alice', 1)).statusCode).toBe(200);
    expect((await read(bob.headers)).editing).toBeNull();
    await editing('PUT', alice.headers);
    await editing('DELETE', alice.headers);
    expect((await read(bob.headers)).editing).toBeNull();
    // A claim not renewed lapses.
    await editing('PUT', alice.headers);
    await app.pool.query(`UPDATE wiki_pages SET editing_until = now() - interval '1 second' WHERE id = $1`, [page.id]);
    expect((await read(bob.headers)).editing).toBeNull();
    const outsider = await signIn(app);
    expect((await editing('PUT', outsider.headers)).statusCode).toBe(403);
  });

  it('keeps non-members out of writing and drafts out of reading', async () => {
    const { community, page } = await setup();
    const outsider = await signIn(app);
    expect((await save(page.id, outsider.headers, 'x', 1)).statusCode).toBe(403);
    const create = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/shared-pages`, headers: outsider.headers, payload: { title: 'T', body: 'B' } });
    expect(create.statusCode).toBe(403);
    const draft = await createCommunity(app, { status: 'draft' });
    const coordinator = await memberOf(app, draft.id, 'coordinator');
    const made = await app.inject({ method: 'POST', url: `/api/communities/${draft.slug}/shared-pages`, headers: coordinator.headers, payload: { title: 'Brouillon', body: 'B' } });
    expect(made.statusCode).toBe(403);
    const tooLong = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/shared-pages`, headers: (await memberOf(app, community.id)).headers, payload: { title: 'T', body: 'x'.repeat(100_001) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().fields.body).toMatch(/Au plus/);
  });

  it('is found by search, accent-insensitive, only in readable communities', async () => {
    const { community, page, alice } = await setup();
    await save(page.id, alice.headers, 'Les élus et le renouvellement urbain.', 1, 'Guide des élus');
    const found = await app.inject({ method: 'GET', url: `/api/shared-pages/search?q=elus&community=${community.slug}` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0]).toMatchObject({ id: page.id, community: { slug: community.slug } });
    expect(found.json().items[0].titleHtml).toBe('Guide des <mark>élus</mark>');
    const none = await app.inject({ method: 'GET', url: `/api/shared-pages/search?q=inexistantmot&community=${community.slug}` });
    expect(none.json().items).toEqual([]);
    const empty = await app.inject({ method: 'GET', url: '/api/shared-pages/search?q=%20' });
    expect(empty.json().code).toBe('SEARCH_QUERY_REQUIRED');
  });

  it('places pages in a dossier of the same community', async () => {
    const { community, page, animator, alice } = await setup();
    const dossier = (await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/dossiers`, headers: animator.headers, payload: { title: 'Dossier' } })).json();
    const byMember = await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/shared-pages`, headers: alice.headers, payload: { pageId: page.id } });
    expect(byMember.statusCode).toBe(403);
    const added = await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/shared-pages`, headers: animator.headers, payload: { pageId: page.id } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().items).toMatchObject([{ position: 1, page: { id: page.id, title: 'Guide du NPNRU' } }]);
    const twice = await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/shared-pages`, headers: animator.headers, payload: { pageId: page.id } });
    expect(twice.json().code).toBe('PAGE_ALREADY_IN_DOSSIER');
    const other = await createCommunity(app);
    const foreign = await app.inject({ method: 'POST', url: `/api/communities/${other.slug}/shared-pages`, headers: (await memberOf(app, other.id)).headers, payload: { title: 'Ailleurs', body: 'x' } });
    const wrong = await app.inject({ method: 'POST', url: `/api/dossiers/${dossier.id}/shared-pages`, headers: animator.headers, payload: { pageId: foreign.json().id } });
    expect(wrong.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.id}/shared-pages` })).json().items).toHaveLength(1);
    const removed = await app.inject({ method: 'DELETE', url: `/api/dossiers/${dossier.id}/shared-pages/${page.id}`, headers: animator.headers });
    expect(removed.json().items).toEqual([]);
  });
});
