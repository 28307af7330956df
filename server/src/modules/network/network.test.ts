import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { json, useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

describe('animators\' network', async () => {
  const { app } = await useTestApp();
  const admin = await signIn(app, { nationalRole: 'admin' });
  const get = (url: string, headers?: Record<string, string>) => app.inject({ method: 'GET', url: `/api${url}`, headers });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url: `/api${url}`, headers, ...(payload ? { payload } : {}) });

  it('schedules at most one one-hour exchange session a month, with registration and attendance', async () => {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    const member = await memberOf(app, c.id, 'member');
    // A month about a year ahead (events are scheduled from now to two years ahead), and its last day.
    const now = new Date();
    const month = (add: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 13 + add, 1)).toISOString().slice(0, 7);
    const [m, next, later] = [month(0), month(1), month(2)];
    const lastDay = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const exchange = { kind: 'exchange', title: 'Échange mensuel', description: 'Tour de table', location: 'https://visio.example/anim', startsAt: `${m}-10T10:00:00.000Z`, endsAt: `${m}-10T11:00:00.000Z` };
    expect((await send('POST', '/network/events', animator.headers, exchange)).statusCode).toBe(403);
    const first = await send('POST', '/network/events', admin.headers, exchange);
    expect(first.statusCode).toBe(201);
    const second = await send('POST', '/network/events', admin.headers, { ...exchange, startsAt: `${m}-24T10:00:00.000Z`, endsAt: `${m}-24T11:00:00.000Z` });
    expect(second.statusCode).toBe(409);
    expect(json(second)).toMatchObject({ code: 'EXCHANGE_MONTH_TAKEN' });
    expect(json(second).message).toMatch(/une par mois/);
    // 23:30 UTC on the last day of the month is the next day in Paris: another month.
    expect((await send('POST', '/network/events', admin.headers, { ...exchange, startsAt: `${lastDay}T23:30:00.000Z`, endsAt: `${next}-01T00:30:00.000Z` })).statusCode).toBe(201);
    const long = await send('POST', '/network/events', admin.headers, { ...exchange, startsAt: `${later}-10T10:00:00.000Z`, endsAt: `${later}-10T12:00:00.000Z` });
    expect(json(long).code).toBe('EXCHANGE_ONE_HOUR');
    const gathering = await send('POST', '/network/events', admin.headers, { ...exchange, kind: 'gathering', title: 'Rassemblement annuel', startsAt: `${m}-12T08:00:00.000Z`, endsAt: `${m}-13T16:00:00.000Z` });
    expect(gathering.statusCode).toBe(201);
    // Dates outside a sensible window are refused, in French: a typo in the year, the past, a gathering of weeks.
    const far = await send('POST', '/network/events', admin.headers, { ...exchange, startsAt: '2900-06-10T10:00:00.000Z', endsAt: '2900-06-10T11:00:00.000Z' });
    expect(far.statusCode).toBe(400);
    expect(json(far)).toMatchObject({ code: 'NETWORK_EVENT_TOO_FAR', message: expect.stringMatching(/deux ans/) });
    const past = await send('POST', '/network/events', admin.headers, { ...exchange, startsAt: '2020-06-10T10:00:00.000Z', endsAt: '2020-06-10T11:00:00.000Z' });
    expect(json(past).code).toBe('NETWORK_EVENT_IN_PAST');
    const weeks = await send('POST', '/network/events', admin.headers, { ...exchange, kind: 'gathering', startsAt: `${later}-01T08:00:00.000Z`, endsAt: `${later}-20T16:00:00.000Z` });
    expect(json(weeks).code).toBe('NETWORK_EVENT_TOO_LONG');

    const id = json(first).id;
    expect((await send('PUT', `/network/events/${id}/registration`, member.headers)).statusCode).toBe(403);
    const reg = await send('PUT', `/network/events/${id}/registration`, animator.headers);
    expect(json(reg)).toMatchObject({ registered: 1, me: { registered: true, attended: null } });
    expect(json(await send('PUT', `/network/events/${id}/registration`, animator.headers)).registered).toBe(1);
    const list = json(await get('/network/events?limit=2', animator.headers));
    expect(list.items).toHaveLength(2);
    expect(list.nextCursor).not.toBeNull();
    expect((await get(`/network/events/${id}/registrations`, animator.headers)).statusCode).toBe(403);
    const att = await send('PUT', `/network/events/${id}/attendance`, admin.headers, { attendance: [{ userId: animator.user.id, attended: true }] });
    expect(att.statusCode).toBe(200);
    expect(json(att)).toEqual([expect.objectContaining({ userId: animator.user.id, attended: true })]);
    expect((await send('PUT', `/network/events/${id}/attendance`, admin.headers, { attendance: [{ userId: member.user.id, attended: true }] })).statusCode).toBe(404);
  });

  it('keeps the good-practice space to animators, coordinators and the national team', async () => {
    const c = await createCommunity(app);
    const animator = await memberOf(app, c.id, 'animator');
    const coordinator = await memberOf(app, c.id, 'coordinator');
    const member = await memberOf(app, c.id, 'member');
    const created = await send('POST', '/network/practices', animator.headers, { title: 'Relancer une discussion', body: 'Poser une **question ouverte**.' });
    expect(created.statusCode).toBe(201);
    const id = json(created).id;
    expect(json(created).bodyHtml).toContain('<strong>question ouverte</strong>');
    expect((await send('POST', `/network/practices/${id}/comments`, coordinator.headers, { body: 'Merci !' })).statusCode).toBe(201);
    const detail = json(await get(`/network/practices/${id}`, admin.headers));
    expect(detail).toMatchObject({ commentCount: 1, comments: { items: [expect.objectContaining({ bodyHtml: '<p>Merci !</p>\n' })] } });
    const refused = await get('/network/practices', member.headers);
    expect(refused.statusCode).toBe(403);
    expect(json(refused).code).toBe('NETWORK_STAFF_ONLY');
    expect((await send('POST', '/network/practices', member.headers, { title: 't', body: 'b' })).statusCode).toBe(403);
    expect(json(await get('/network/me', member.headers))).toEqual({ staff: false, admin: false });
    expect(json(await get('/network/me', animator.headers))).toEqual({ staff: true, admin: false });
  });
});
