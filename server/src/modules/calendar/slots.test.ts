import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { createCommunity } from '../../../test/community-factories.js';
import { memberOf } from '../posts/posts.fixtures.js';

describe('editorial slots (rendez-vous réguliers)', async () => {
  const { app } = await useTestApp();

  async function setup() {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    return { community, animator };
  }

  it('expands a weekly Monday 9:00 slot at 9:00 Paris time on both sides of the March DST change', async () => {
    const { community, animator } = await setup();
    const created = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/slots`, headers: animator.headers,
      payload: { label: 'Veille du lundi', kind: 'veille', weekday: 1, time: '09:00', startsOn: '2030-01-07' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ label: 'Veille du lundi', weekday: 1, time: '09:00', intervalWeeks: 1, active: true });
    // 2030: summer time starts on Sunday 31 March.
    const cal = await app.inject({
      method: 'GET', url: `/api/communities/${community.slug}/calendar?from=2030-03-18&to=2030-04-07`, headers: animator.headers,
    });
    expect(cal.statusCode).toBe(200);
    const occ = cal.json().occurrences as { at: string; atLocal: string }[];
    expect(occ.map((o) => o.atLocal)).toEqual(['2030-03-18T09:00', '2030-03-25T09:00', '2030-04-01T09:00']);
    expect(occ.map((o) => o.at)).toEqual(['2030-03-18T08:00:00.000Z', '2030-03-25T08:00:00.000Z', '2030-04-01T07:00:00.000Z']);
    expect(cal.json().slots).toHaveLength(1);
  });

  it('honours intervals, links a planned post to its occurrence, and stops when inactive', async () => {
    const { community, animator } = await setup();
    const slot = (await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/slots`, headers: animator.headers,
      payload: { label: 'Dossier', weekday: 3, time: '14:30', intervalWeeks: 2, startsOn: '2030-01-02' },
    })).json();
    await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'Dossier de janvier', plannedAt: '2030-01-16T14:30', slotId: slot.id },
    });
    const url = `/api/communities/${community.slug}/calendar?from=2030-01-01&to=2030-01-31`;
    const occ = (await app.inject({ method: 'GET', url, headers: animator.headers })).json().occurrences;
    expect(occ.map((o: { atLocal: string }) => o.atLocal)).toEqual(['2030-01-02T14:30', '2030-01-16T14:30', '2030-01-30T14:30']);
    expect(occ[1].plannedPostId).toBeGreaterThan(0);
    expect(occ[0].plannedPostId).toBeNull();

    const off = await app.inject({ method: 'PATCH', url: `/api/slots/${slot.id}`, headers: animator.headers, payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect((await app.inject({ method: 'GET', url, headers: animator.headers })).json().occurrences).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/slots/${slot.id}`, headers: animator.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/slots/${slot.id}`, headers: animator.headers })).statusCode).toBe(404);
  });

  it('rejects bad slots (400), non-staff (403), a slot of another community (404)', async () => {
    const { community, animator } = await setup();
    const member = await memberOf(app, community.id, 'member');
    const url = `/api/communities/${community.slug}/slots`;
    for (const payload of [
      { label: 'x', weekday: 8, time: '09:00' }, { label: 'x', weekday: 1, time: '24:00' }, { label: ' ', weekday: 1, time: '09:00' },
      { label: 'x', weekday: 1, time: '09:00', intervalWeeks: 0 }, { label: 'x', weekday: 1, time: '09:00', startsOn: '2030-02-30' },
    ]) {
      expect((await app.inject({ method: 'POST', url, headers: animator.headers, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await app.inject({ method: 'POST', url, headers: member.headers, payload: { label: 'x', weekday: 1, time: '09:00' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: member.headers })).statusCode).toBe(403);
    const other = await createCommunity(app);
    const otherAnimator = await memberOf(app, other.id, 'animator');
    const foreign = (await app.inject({ method: 'POST', url: `/api/communities/${other.slug}/slots`, headers: otherAnimator.headers, payload: { label: 'x', weekday: 1, time: '09:00' } })).json();
    const planned = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/planned-posts`, headers: animator.headers,
      payload: { title: 'T', plannedAt: '2030-01-01T10:00', slotId: foreign.id },
    });
    expect(planned.statusCode).toBe(404);
    expect(planned.json().code).toBe('SLOT_NOT_FOUND');
    expect((await app.inject({ method: 'PATCH', url: `/api/slots/${foreign.id}`, headers: animator.headers, payload: { label: 'y' } })).statusCode).toBe(403);
  });
});
