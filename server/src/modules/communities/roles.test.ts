import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../../../test/helpers.js';
import { signedInUser as signedInFactory, type CreateUserOptions } from '../../../test/factories.js';
import { addMember, createCommunity } from '../../../test/community-factories.js';

// app.inject wants plain header records; the factory's AuthHeaders is an interface.
async function signedInUser(app: Parameters<typeof signedInFactory>[0], opts?: CreateUserOptions) {
  const r = await signedInFactory(app, opts);
  return { ...r, headers: { ...r.headers } as Record<string, string> };
}

describe('communities: roles, editing, members, abilities', async () => {
  const { app } = await useTestApp();
  const admin = await signedInUser(app, { nationalRole: 'admin' });

  const put = (slug: string, userId: number, role: string, headers?: object) =>
    app.inject({ method: 'PUT', url: `/api/communities/${slug}/roles/${userId}`, headers: headers as never, payload: { role } });
  const count = async (id: number) =>
    (await app.pool.query<{ member_count: number }>('SELECT member_count FROM communities WHERE id = $1', [id])).rows[0]!.member_count;

  it('the national admin appoints a coordinator, making a non-member a member', async () => {
    const c = await createCommunity(app);
    const u = await signedInUser(app);
    const res = await put(c.slug, u.user.id, 'coordinator', admin.headers);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ userId: u.user.id, role: 'coordinator' });
    expect(await count(c.id)).toBe(1);
    await put(c.slug, u.user.id, 'coordinator', admin.headers);
    expect(await count(c.id)).toBe(1);
    const detail = json(await app.inject({ method: 'GET', url: `/api/communities/${c.slug}`, headers: u.headers }));
    expect(detail.coordinators).toEqual([{ id: u.user.id, firstName: u.user.firstName, lastName: u.user.lastName }]);
    expect(detail.myRole).toBe('coordinator');
  });

  it('a coordinator appoints and demotes animators, but cannot make or unmake coordinators', async () => {
    const c = await createCommunity(app);
    const coord = await signedInUser(app);
    const other = await signedInUser(app);
    const otherCoord = await signedInUser(app);
    await addMember(app, c.id, coord.user.id, 'coordinator');
    await addMember(app, c.id, otherCoord.user.id, 'coordinator');
    expect((await put(c.slug, other.user.id, 'animator', coord.headers)).statusCode).toBe(200);
    const detail = json(await app.inject({ method: 'GET', url: `/api/communities/${c.slug}`, headers: coord.headers }));
    expect(detail.animators.map((u: { id: number }) => u.id)).toEqual([other.user.id]);
    expect(detail.memberCount).toBe(3);
    expect((await put(c.slug, other.user.id, 'member', coord.headers)).statusCode).toBe(200);
    const denied = await put(c.slug, other.user.id, 'coordinator', coord.headers);
    expect(denied.statusCode).toBe(403);
    expect(json(denied).code).toBe('FORBIDDEN');
    expect((await put(c.slug, otherCoord.user.id, 'member', coord.headers)).statusCode).toBe(403);
  });

  it('a coordinator of A cannot appoint in B; members and animators cannot appoint', async () => {
    const a = await createCommunity(app);
    const b = await createCommunity(app);
    const coord = await signedInUser(app);
    const animator = await signedInUser(app);
    const target = await signedInUser(app);
    await addMember(app, a.id, coord.user.id, 'coordinator');
    await addMember(app, b.id, coord.user.id, 'member');
    await addMember(app, b.id, animator.user.id, 'animator');
    expect((await put(b.slug, target.user.id, 'animator', coord.headers)).statusCode).toBe(403);
    expect((await put(b.slug, target.user.id, 'animator', animator.headers)).statusCode).toBe(403);
    expect((await put(b.slug, target.user.id, 'animator')).statusCode).toBe(401);
  });

  it('answers 404 for an unknown user or community, 400 for an unknown role', async () => {
    const c = await createCommunity(app);
    const u = await signedInUser(app);
    const noUser = await put(c.slug, 999_999_999, 'animator', admin.headers);
    expect([noUser.statusCode, json(noUser).code]).toEqual([404, 'USER_NOT_FOUND']);
    const noCommunity = await put('nope-nope', u.user.id, 'animator', admin.headers);
    expect([noCommunity.statusCode, json(noCommunity).code]).toEqual([404, 'COMMUNITY_NOT_FOUND']);
    expect((await put(c.slug, u.user.id, 'king', admin.headers)).statusCode).toBe(400);
  });

  it('PATCH: admin edits anything; a coordinator only the editorial fields', async () => {
    const c = await createCommunity(app);
    const rel = await createCommunity(app);
    const coord = await signedInUser(app);
    const member = await signedInUser(app);
    await addMember(app, c.id, coord.user.id, 'coordinator');
    await addMember(app, c.id, member.user.id);
    const patch = (payload: object, headers?: object) =>
      app.inject({ method: 'PATCH', url: `/api/communities/${c.slug}`, headers: headers as never, payload });
    const ok = await patch({ description: 'Nouvelle description', editorialLine: 'Ligne', relatedIds: [rel.id] }, coord.headers);
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ description: 'Nouvelle description', editorialLine: 'Ligne', related: [{ id: rel.id }] });
    expect((await patch({ name: 'Autre nom' }, coord.headers)).statusCode).toBe(403);
    expect((await patch({ status: 'archived' }, coord.headers)).statusCode).toBe(403);
    expect((await patch({ description: 'x' }, member.headers)).statusCode).toBe(403);
    expect((await patch({ description: 'x' })).statusCode).toBe(401);
    const byAdmin = await patch({ name: 'Nom national', status: 'archived', launchDate: null, relatedIds: [] }, admin.headers);
    expect(json(byAdmin)).toMatchObject({ name: 'Nom national', status: 'archived', launchDate: null, related: [] });
    // Archived: still visible, closed to joining and posting.
    const seen = json(await app.inject({ method: 'GET', url: `/api/communities/${c.slug}`, headers: member.headers }));
    expect(seen.can).toMatchObject({ view: true, post: false, join: false, leave: true });
  });

  it('computes the can object per role', async () => {
    const c = await createCommunity(app);
    const users = {
      member: await signedInUser(app), animator: await signedInUser(app), coordinator: await signedInUser(app),
      outsider: await signedInUser(app), unverified: await signedInUser(app, { verified: false }),
    };
    await addMember(app, c.id, users.member.user.id);
    await addMember(app, c.id, users.animator.user.id, 'animator');
    await addMember(app, c.id, users.coordinator.user.id, 'coordinator');
    await addMember(app, c.id, users.unverified.user.id);
    const can = async (headers?: object) =>
      json(await app.inject({ method: 'GET', url: `/api/communities/${c.slug}`, headers: headers as never })).can;
    const f = false;
    const t = true;
    expect(await can()).toEqual({ view: t, edit: f, editEditorial: f, join: f, leave: f, post: f, moderate: f, readModerationAudit: f, appointCoordinator: f, appointAnimator: f });
    expect(await can(users.outsider.headers)).toEqual({ view: t, edit: f, editEditorial: f, join: t, leave: f, post: f, moderate: f, readModerationAudit: f, appointCoordinator: f, appointAnimator: f });
    expect(await can(users.member.headers)).toEqual({ view: t, edit: f, editEditorial: f, join: f, leave: t, post: t, moderate: f, readModerationAudit: f, appointCoordinator: f, appointAnimator: f });
    expect(await can(users.unverified.headers)).toMatchObject({ post: f, leave: t });
    expect(await can(users.animator.headers)).toEqual({ view: t, edit: f, editEditorial: f, join: f, leave: t, post: t, moderate: t, readModerationAudit: f, appointCoordinator: f, appointAnimator: f });
    expect(await can(users.coordinator.headers)).toEqual({ view: t, edit: f, editEditorial: t, join: f, leave: t, post: t, moderate: t, readModerationAudit: t, appointCoordinator: f, appointAnimator: t });
    expect(await can(admin.headers)).toEqual({ view: t, edit: t, editEditorial: t, join: t, leave: f, post: f, moderate: t, readModerationAudit: t, appointCoordinator: t, appointAnimator: t });
  });

  it('lists members by keyset pages, filtered by role, to signed-in users only', async () => {
    const c = await createCommunity(app);
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const u = await signedInUser(app);
      ids.push(u.user.id);
      await addMember(app, c.id, u.user.id, i === 2 ? 'animator' : 'member');
    }
    const viewer = await signedInUser(app);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/communities/${c.slug}/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = json(await app.inject({ method: 'GET', url, headers: viewer.headers }));
      seen.push(...page.items.map((m: { user: { id: number } }) => m.user.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids.slice().reverse());
    const animators = json(await app.inject({ method: 'GET', url: `/api/communities/${c.slug}/members?role=animator`, headers: viewer.headers }));
    expect(animators.items).toHaveLength(1);
    expect(animators.items[0]).toMatchObject({ role: 'animator', user: { id: ids[2], employer: 'Mairie de Montreuil' } });
    expect(typeof animators.items[0].joinedAt).toBe('string');
    expect((await app.inject({ method: 'GET', url: `/api/communities/${c.slug}/members` })).statusCode).toBe(401);
  });
});
