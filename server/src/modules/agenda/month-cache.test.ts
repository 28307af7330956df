import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf } from '../posts/posts.fixtures.js';
import type { App } from '../../types.js';

type Headers = Record<string, string>;
type Month = { items: { postId: number; title: string; place: string | null; startDate: string }[]; can: { create: boolean } };

const MARCH = 'from=2027-03-01&to=2027-03-31';
const event = {
  title: 'Atelier contrat de ville', body: 'Présentation.', startDate: '2027-03-10', startTime: '09:00',
  endDate: '2027-03-10', endTime: '12:00', place: 'Mairie de Roubaix',
};

/**
 * Two instances over one database, each with its own page cache: a month of agenda cached by one shows, on its next
 * read, every change made through the other or straight in the database (an import), and each reader's own part of
 * the page (may they add an event) is theirs.
 */
describe('the agenda month cache', async () => {
  const { app: a } = await useTestApp();
  const { app: b } = await useTestApp();

  async function month(app: App, slug: string, headers: Headers = {}): Promise<Month> {
    const res = await app.inject({ method: 'GET', url: `/api/communities/${slug}/events/month?${MARCH}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('serves a month again from the cache, and shows the other instance’s and the database’s changes on the next read', async () => {
    const community = await createCommunity(a);
    const animator = await memberOf(a, community.id, 'animator');
    const created = await a.inject({ method: 'POST', url: `/api/communities/${community.slug}/events`, headers: animator.headers, payload: event });
    expect(created.statusCode, created.body).toBe(201);
    const { postId } = created.json();

    expect((await month(a, community.slug)).items).toMatchObject([{ postId, place: event.place }]);
    const hits = a.pageCache.hits;
    expect((await month(a, community.slug)).items).toMatchObject([{ postId, place: event.place }]);
    expect(a.pageCache.hits).toBe(hits + 1);

    // Only the event's row changes (not its post): the place, through the other instance.
    const moved = await b.inject({ method: 'PATCH', url: `/api/events/${postId}`, headers: animator.headers, payload: { place: 'Salle des fêtes' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await month(a, community.slug)).items).toMatchObject([{ postId, place: 'Salle des fêtes' }]);

    // Straight in the database, as an import does: the event leaves March.
    await a.pool.query(`UPDATE events SET starts_at = starts_at + interval '30 days', ends_at = ends_at + interval '30 days' WHERE post_id = $1`, [postId]);
    expect((await month(a, community.slug)).items).toEqual([]);
    await a.pool.query(`UPDATE events SET starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days' WHERE post_id = $1`, [postId]);
    expect((await month(a, community.slug)).items).toMatchObject([{ postId }]);

    // Its post renamed, then hidden by moderation (the post's own version covers both).
    await b.inject({ method: 'PATCH', url: `/api/events/${postId}`, headers: animator.headers, payload: { title: 'Atelier reporté' } });
    expect((await month(a, community.slug)).items).toMatchObject([{ postId, title: 'Atelier reporté' }]);
    await a.pool.query('UPDATE posts SET hidden_at = now() WHERE id = $1', [postId]);
    expect((await month(a, community.slug)).items).toEqual([]);
  });

  it('shares the month’s items between readers and gives each their own right to add an event', async () => {
    const community = await createCommunity(a);
    const animator = await memberOf(a, community.id, 'animator');
    const member = await memberOf(a, community.id);
    const created = await a.inject({ method: 'POST', url: `/api/communities/${community.slug}/events`, headers: animator.headers, payload: event });
    expect(created.statusCode, created.body).toBe(201);

    const anonymous = await month(a, community.slug);
    const hits = a.pageCache.hits;
    const staff = await month(a, community.slug, animator.headers);
    const reader = await month(a, community.slug, member.headers);
    expect(a.pageCache.hits).toBe(hits + 2);
    expect(staff.items).toEqual(anonymous.items);
    expect(reader.items).toEqual(anonymous.items);
    expect([anonymous.can, staff.can, reader.can]).toEqual([{ create: false }, { create: true }, { create: false }]);

    // The animator steps down: the cached month is the same, their right to add an event is not.
    await a.pool.query(`UPDATE memberships SET role = 'member' WHERE community_id = $1 AND user_id = $2`, [community.id, animator.user.id]);
    expect(await month(a, community.slug, animator.headers)).toEqual({ items: anonymous.items, can: { create: false } });
  });
});
