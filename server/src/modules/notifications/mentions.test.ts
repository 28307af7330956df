import { describe, expect, it } from 'vitest';
import { useTestApp, unique } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import type { App } from '../../types.js';

type Headers = Record<string, string>;

async function suggest(app: App, slug: string, headers: Headers, query: string) {
  return app.inject({ method: 'GET', url: `/api/communities/${slug}/mention-suggestions${query}`, headers });
}

async function kindsFor(app: App, headers: Headers): Promise<string[]> {
  const list = await app.inject({ method: 'GET', url: '/api/notifications', headers });
  return list.json().items.map((n: { kind: string }) => n.kind);
}

describe('mentions', async () => {
  // Real limits (factor 1), so the group mention limit is reached in a test.
  const { app } = await useTestApp({ rateLimitFactor: 1 });

  it('suggests members of the community only, accents ignored, by cursor pages, groups first', async () => {
    const community = await createCommunity(app);
    const other = await createCommunity(app);
    const last = unique('Lefèvre');
    const writer = await memberOf(app, community.id);
    const zoe = await memberOf(app, community.id, 'member', { firstName: 'Zoé', lastName: last });
    const eloise = await memberOf(app, community.id, 'animator', { firstName: 'Éloïse', lastName: last });
    await memberOf(app, other.id, 'member', { firstName: 'Élodie', lastName: last });

    // « lefevre » without accents finds both members of this community, in alphabetical order; not the other one's.
    const needle = last.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    const page1 = await suggest(app, community.slug, writer.headers, `?q=${encodeURIComponent(needle)}&limit=1`);
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toEqual([{ handle: expect.stringMatching(/^eloise-lefevre/), label: `Éloïse ${last}`, hint: expect.any(String), group: false }]);
    const page2 = (await suggest(app, community.slug, writer.headers, `?q=${encodeURIComponent(needle)}&limit=1&cursor=${page1.json().nextCursor}`)).json();
    expect(page2.items.map((i: { label: string }) => i.label)).toEqual([`Zoé ${last}`]);
    expect(page2.nextCursor).toBeNull();
    // First name first, as typed after the @ (hyphens for spaces); the handle is the one mentions notify.
    const byFirst = (await suggest(app, community.slug, writer.headers, `?q=${encodeURIComponent(`zoe-${needle}`)}`)).json();
    expect(byFirst.items).toHaveLength(1);
    expect(byFirst.items[0].handle).toBe(`zoe-${needle.replace(/[^a-z0-9]+/g, '-')}`);
    expect(zoe.user.id).toBeGreaterThan(0);
    // The teams come first when their name starts with the query.
    const groups = (await suggest(app, community.slug, writer.headers, '?q=a')).json();
    expect(groups.items[0]).toMatchObject({ handle: 'animation', group: true, label: 'Équipe d’animation' });
    expect(groups.items.some((i: { handle: string }) => i.handle === 'coordination')).toBe(false);
    expect(eloise.user.id).toBeGreaterThan(0);
  });

  it('refuses people outside the community and bad input', async () => {
    const community = await createCommunity(app);
    const outsider = await signIn(app);
    const refused = await suggest(app, community.slug, outsider.headers, '?q=a');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    expect((await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/mention-suggestions?q=a` })).statusCode).toBe(401);
    const member = await memberOf(app, community.id);
    const tooMany = await suggest(app, community.slug, member.headers, '?limit=500');
    expect(tooMany.statusCode).toBe(400);
    const forged = await suggest(app, community.slug, member.headers, '?cursor=pas-un-curseur');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('INVALID_CURSOR');
    // LIKE wildcards are text, not patterns.
    expect((await suggest(app, community.slug, member.headers, '?q=%25')).json().items).toEqual([]);
  });

  it('@animation and @coordination notify that community’s team once per person, and are rate-limited', async () => {
    const community = await createCommunity(app);
    const other = await createCommunity(app);
    const writer = await memberOf(app, community.id);
    const animator = await memberOf(app, community.id, 'animator', { firstName: 'Anne', lastName: unique('Anim') });
    const coordinator = await memberOf(app, community.id, 'coordinator');
    const bystander = await memberOf(app, community.id);
    const elsewhere = await memberOf(app, other.id, 'animator');

    const post = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: writer.headers,
      payload: { title: 'Besoin d’aide', body: 'Qui peut m’aider ? @animation' },
    });
    expect(post.statusCode).toBe(201);
    const postId = post.json().id as number;
    expect(await kindsFor(app, animator.headers)).toEqual(['mention']);
    expect(await kindsFor(app, coordinator.headers)).toEqual([]);
    expect(await kindsFor(app, elsewhere.headers)).toEqual([]);

    // The animator is called both by name and by team: one notification.
    const handle = (await suggest(app, community.slug, writer.headers, `?q=${encodeURIComponent('anne')}`)).json().items
      .find((i: { label: string }) => i.label.startsWith('Anne')).handle as string;
    const comment = await app.inject({
      method: 'POST', url: `/api/posts/${postId}/comments`, headers: writer.headers,
      payload: { body: `Merci @${handle}, et @animation et @coordination aussi.` },
    });
    expect(comment.statusCode).toBe(201);
    expect(await kindsFor(app, animator.headers)).toEqual(['mention', 'mention']);
    expect(await kindsFor(app, coordinator.headers)).toEqual(['mention']);
    expect(await kindsFor(app, bystander.headers)).toEqual([]);

    // Ten calls of a team per hour (two used above), then a French refusal; comments without one still pass.
    for (let i = 0; i < 8; i += 1) {
      const ok = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: writer.headers, payload: { body: `Relance ${i} @coordination` } });
      expect(ok.statusCode).toBe(201);
    }
    const limited = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: writer.headers, payload: { body: 'Encore @animation' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(limited.json().message).toMatch(/Réessayez dans/);
    const plain = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers: writer.headers, payload: { body: 'Sans équipe cette fois.' } });
    expect(plain.statusCode).toBe(201);
  });
});
