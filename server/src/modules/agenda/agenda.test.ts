import { describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { parseIcs } from '../../../test/feed-parsers.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { addDays, utcToParis } from '../../../../common/time/index.js';

type Headers = Record<string, string>;

const atelier = {
  title: 'Atelier contrat de ville',
  body: 'Présentation du **nouveau** contrat de ville.',
  startDate: '2027-03-28',
  startTime: '02:30',
  endDate: '2027-03-28',
  endTime: '04:00',
  place: 'Salle du conseil, mairie de Roubaix',
  onlineUrl: 'https://visio.exemple.fr/atelier',
  registrationUrl: 'https://exemple.fr/inscription?id=1,2',
  organiser: 'Centre de ressources politique de la ville',
};

describe('agenda', async () => {
  const { app } = await useTestApp();

  async function staffCommunity(status: 'open' | 'draft' | 'archived' = 'open') {
    const community = await createCommunity(app, { status });
    const animator = await memberOf(app, community.id, 'animator');
    return { community, animator };
  }

  async function create(slug: string, headers: Headers, payload: Record<string, unknown> = atelier) {
    return app.inject({ method: 'POST', url: `/api/communities/${slug}/events`, headers, payload });
  }

  async function created(slug: string, headers: Headers, payload: Record<string, unknown> = atelier) {
    const res = await create(slug, headers, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('lets an animator add an event: a post of kind evenement with its details', async () => {
    const { community, animator } = await staffCommunity();
    const event = await created(community.slug, animator.headers);
    expect(event).toMatchObject({
      community: { id: community.id, slug: community.slug },
      title: atelier.title,
      allDay: false,
      place: atelier.place,
      onlineUrl: atelier.onlineUrl,
      registrationUrl: atelier.registrationUrl,
      organiser: atelier.organiser,
      can: { edit: true },
    });
    const post = await app.inject({ method: 'GET', url: `/api/posts/${event.postId}` });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toMatchObject({ title: atelier.title, kind: 'evenement' });
    const details = await app.inject({ method: 'GET', url: `/api/posts/${event.postId}/event` });
    expect(details.statusCode).toBe(200);
    expect(details.json()).toMatchObject({ postId: event.postId, can: { edit: false } });
    const { rows } = await app.pool.query('SELECT post_count FROM communities WHERE id = $1', [community.id]);
    expect(rows[0].post_count).toBe(1);
  });

  it('stores UTC and reads Paris time across the daylight-saving changes', async () => {
    const { community, animator } = await staffCommunity();
    // 02:30 does not exist on 2027-03-28: read with the winter offset, it is 03:30 summer time.
    const spring = await created(community.slug, animator.headers);
    expect(spring).toMatchObject({ startsAt: '2027-03-28T01:30:00.000Z', endsAt: '2027-03-28T02:00:00.000Z', startTime: '03:30', endTime: '04:00' });
    // 02:30 happens twice on 2027-10-31: the first occurrence (summer time, 00:30 UTC).
    const autumn = await created(community.slug, animator.headers, { ...atelier, startDate: '2027-10-31', endDate: '2027-10-31', startTime: '02:30', endTime: '03:30' });
    expect(autumn).toMatchObject({ startsAt: '2027-10-31T00:30:00.000Z', endsAt: '2027-10-31T02:30:00.000Z', startTime: '02:30', endTime: '03:30' });
    // 01:00 → 03:00 on the night clocks go back lasts three hours.
    const night = await created(community.slug, animator.headers, { ...atelier, startDate: '2027-10-31', endDate: '2027-10-31', startTime: '01:00', endTime: '03:00' });
    expect(Date.parse(night.endsAt) - Date.parse(night.startsAt)).toBe(3 * 3600_000);
    // Summer and winter offsets on ordinary days.
    const july = await created(community.slug, animator.headers, { ...atelier, startDate: '2027-07-14', endDate: '2027-07-14', startTime: '10:00', endTime: '12:00' });
    expect(july.startsAt).toBe('2027-07-14T08:00:00.000Z');
    const january = await created(community.slug, animator.headers, { ...atelier, startDate: '2027-01-14', endDate: '2027-01-14', startTime: '10:00', endTime: '12:00' });
    expect(january.startsAt).toBe('2027-01-14T09:00:00.000Z');
  });

  it('keeps all-day events on their Paris days, with an exclusive end at the next midnight', async () => {
    const { community, animator } = await staffCommunity();
    const event = await created(community.slug, animator.headers, {
      ...atelier, allDay: true, startDate: '2027-10-30', startTime: null, endDate: '2027-10-31', endTime: null,
    });
    // The 31st lasts 25 hours: from 22:00 UTC on the 29th to 23:00 UTC on the 31st.
    expect(event).toMatchObject({
      allDay: true, startsAt: '2027-10-29T22:00:00.000Z', endsAt: '2027-10-31T23:00:00.000Z',
      startDate: '2027-10-30', endDate: '2027-10-31', startTime: null, endTime: null,
    });
  });

  it('serves a month view, overlapping events included, and nothing outside it', async () => {
    const { community, animator } = await staffCommunity();
    const march = await created(community.slug, animator.headers);
    const straddling = await created(community.slug, animator.headers, { ...atelier, startDate: '2027-02-27', endDate: '2027-03-02', startTime: '09:00', endTime: '17:00' });
    const april = await created(community.slug, animator.headers, { ...atelier, startDate: '2027-04-01', endDate: '2027-04-01', startTime: '00:00', endTime: '01:00' });
    const res = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events/month?from=2027-03-01&to=2027-03-31` });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((e: { postId: number }) => e.postId);
    expect(ids).toEqual([straddling.postId, march.postId]);
    expect(ids).not.toContain(april.postId);
    expect(res.json().can).toEqual({ create: false });
    // What the grid shows, nothing more: the rest is on the post page.
    expect(Object.keys(res.json().items[1]).sort()).toEqual(
      ['allDay', 'endDate', 'endTime', 'endsAt', 'onlineUrl', 'place', 'postId', 'startDate', 'startTime', 'startsAt', 'title']);
    expect(res.json().items[1]).toMatchObject({ title: atelier.title, place: atelier.place, startDate: march.startDate, startTime: march.startTime });
    const mine = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events/month?from=2027-04-01&to=2027-04-30`, headers: animator.headers });
    expect(mine.json()).toMatchObject({ items: [{ postId: april.postId }], can: { create: true } });
  });

  it('lists upcoming (soonest first) and past (latest first) events by cursor', async () => {
    const { community, animator } = await staffCommunity();
    const today = utcToParis(new Date()).date;
    const ids: number[] = [];
    for (const offset of [3, 1, 2, -2, -1, -3]) {
      const day = addDays(today, offset);
      const e = await created(community.slug, animator.headers, { ...atelier, startDate: day, endDate: day, startTime: '10:00', endTime: '11:00' });
      ids.push(e.postId);
    }
    const [in3, in1, in2, ago2, ago1, ago3] = ids;
    const first = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events?limit=2` });
    expect(first.json().items.map((e: { postId: number }) => e.postId)).toEqual([in1, in2]);
    const second = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events?limit=2&cursor=${first.json().nextCursor}` });
    expect(second.json()).toMatchObject({ items: [{ postId: in3 }], nextCursor: null });
    const past = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events?when=past&limit=50` });
    expect(past.json().items.map((e: { postId: number }) => e.postId)).toEqual([ago1, ago2, ago3]);
  });

  it('shows open communities in the network agenda, never drafts, and drops deleted events', async () => {
    const { community, animator } = await staffCommunity();
    const hidden = await staffCommunity();
    const soon = addDays(utcToParis(new Date()).date, 1);
    const slot = { ...atelier, startDate: soon, endDate: soon, startTime: '00:01', endTime: '00:02' };
    const visible = await created(community.slug, animator.headers, slot);
    const gone = await created(community.slug, animator.headers, slot);
    const draft = await created(hidden.community.slug, hidden.animator.headers, slot);
    await app.pool.query(`UPDATE communities SET status = 'draft' WHERE id = $1`, [hidden.community.id]);
    const del = await app.inject({ method: 'DELETE', url: `/api/posts/${gone.postId}`, headers: animator.headers });
    expect(del.statusCode).toBe(200);

    const seen: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const url: string = `/api/events?limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { postId: number }[]; nextCursor: string | null };
      seen.push(...body.items.map((e) => e.postId));
      cursor = body.nextCursor;
      if (!cursor || seen.includes(visible.postId)) break;
    }
    expect(seen).toContain(visible.postId);
    expect(seen).not.toContain(draft.postId);
    expect(seen).not.toContain(gone.postId);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${gone.postId}/event` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/events/${draft.postId}.ics` })).statusCode).toBe(404);
  });

  it('lets staff change an event; calendars see a new SEQUENCE', async () => {
    const { community, animator } = await staffCommunity();
    const event = await created(community.slug, animator.headers);
    const res = await app.inject({
      method: 'PATCH', url: `/api/events/${event.postId}`, headers: animator.headers,
      payload: { title: 'Atelier reporté', startDate: '2027-04-02', endDate: '2027-04-02', place: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Atelier reporté', startDate: '2027-04-02', startTime: '03:30', startsAt: '2027-04-02T01:30:00.000Z', place: null, onlineUrl: atelier.onlineUrl });
    const ics = await app.inject({ method: 'GET', url: `/api/events/${event.postId}.ics` });
    expect(parseIcs(ics.body).events).toMatchObject([{ sequence: 1, summary: 'Atelier reporté' }]);
    const revisions = await app.inject({ method: 'GET', url: `/api/posts/${event.postId}/revisions`, headers: animator.headers });
    expect(revisions.json().items[0].title).toBe(atelier.title);

    const coordinator = await memberOf(app, community.id, 'coordinator');
    const byCoordinator = await app.inject({ method: 'PATCH', url: `/api/events/${event.postId}`, headers: coordinator.headers, payload: { allDay: true } });
    expect(byCoordinator.json()).toMatchObject({ allDay: true, startTime: null, endDate: '2027-04-02', endsAt: '2027-04-02T22:00:00.000Z' });
  });

  it('exports iCalendar: a community feed and one event', async () => {
    const { community, animator } = await staffCommunity();
    const day = addDays(utcToParis(new Date()).date, 10);
    const event = await created(community.slug, animator.headers, { ...atelier, title: 'Réunion ; bilan, suite', startDate: day, endDate: day, startTime: '14:00', endTime: '16:00' });
    const old = await created(community.slug, animator.headers, { ...atelier, startDate: '2025-01-10', endDate: '2025-01-10', startTime: '14:00', endTime: '16:00' });

    const feed = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/agenda.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const cal = parseIcs(feed.body);
    expect(cal.events.map((e) => e.uid)).toContain(`${event.postId}@e-communautes`);
    expect(cal.events.map((e) => e.uid)).not.toContain(`${old.postId}@e-communautes`);
    const parsed = cal.events.find((e) => e.uid === `${event.postId}@e-communautes`)!;
    expect(parsed.summary).toBe('Réunion ; bilan, suite');
    expect(parsed.start.toISOString()).toBe(event.startsAt);
    for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const one = await app.inject({ method: 'GET', url: `/api/events/${old.postId}.ics` });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toBe(`attachment; filename="evenement-${old.postId}.ics"`);
    const [single] = parseIcs(one.body).events;
    expect(single!.start.toISOString()).toBe('2025-01-10T13:00:00.000Z');
    expect(single!.url).toBe(`http://localhost:3000/publications/${old.postId}`);
    expect(single!.location).toBe('Salle du conseil, mairie de Roubaix');
    expect(single!.description).toMatch(/Inscription\s*: https:\/\/exemple\.fr\/inscription\?id=1,2/);
  });

  it('refuses bad input with clear codes', async () => {
    const { community, animator } = await staffCommunity();
    const post = (payload: Record<string, unknown>) => create(community.slug, animator.headers, { ...atelier, ...payload });
    const endsBefore = await post({ endTime: '01:00', startTime: '10:00' });
    expect(endsBefore.statusCode).toBe(400);
    expect(endsBefore.json().code).toBe('EVENT_ENDS_BEFORE_START');
    expect((await post({ endDate: '2027-03-27' })).json().code).toBe('EVENT_ENDS_BEFORE_START');
    expect((await post({ endTime: '02:30' })).json().code).toBe('EVENT_ENDS_BEFORE_START');
    expect((await post({ endDate: '2027-06-28' })).json().code).toBe('EVENT_TOO_LONG');
    const badUrl = await post({ onlineUrl: 'javascript:alert(1)', registrationUrl: 'pas une adresse' });
    expect(badUrl.statusCode).toBe(400);
    expect(Object.keys(badUrl.json().fields)).toEqual(['onlineUrl', 'registrationUrl']);
    const noTime = await post({ startTime: null });
    expect(noTime.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { startTime: expect.any(String) } });
    expect((await post({ startDate: '2027-02-30' })).json().fields).toHaveProperty('startDate');
    expect((await post({ startTime: '25:00' })).statusCode).toBe(400);
    expect((await post({ startDate: '28/03/2027' })).statusCode).toBe(400);
    expect((await post({ title: '   ' })).statusCode).toBe(400);
    expect((await post({ extra: 1 })).statusCode).toBe(400);

    expect((await create('communaute-inconnue', animator.headers)).statusCode).toBe(404);
    const member = await memberOf(app, community.id);
    expect((await create(community.slug, member.headers)).json().code).toBe('FORBIDDEN');
    expect((await create(community.slug, {})).statusCode).toBe(401);
    const unverified = await memberOf(app, community.id, 'animator', { verified: false });
    expect((await create(community.slug, unverified.headers)).json().code).toBe('EMAIL_NOT_VERIFIED');
    const archived = await staffCommunity('archived');
    expect((await create(archived.community.slug, archived.animator.headers)).json().code).toBe('COMMUNITY_NOT_OPEN');

    const event = await created(community.slug, animator.headers);
    const patch = (headers: Headers, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/api/events/${event.postId}`, headers, payload });
    expect((await patch(member.headers, { place: 'Ailleurs' })).statusCode).toBe(403);
    expect((await patch({}, { place: 'Ailleurs' })).statusCode).toBe(401);
    expect((await patch(animator.headers, { endDate: '2027-01-01' })).json().code).toBe('EVENT_ENDS_BEFORE_START');
    expect((await patch(animator.headers, { registrationUrl: 'ftp://exemple.fr' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PATCH', url: '/api/events/999999999', headers: animator.headers, payload: {} })).statusCode).toBe(404);
    const unchanged = await app.inject({ method: 'GET', url: `/api/posts/${event.postId}/event` });
    expect(unchanged.json()).toMatchObject({ endDate: '2027-03-28', place: atelier.place });

    const outsider = await signIn(app);
    const plain = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: animator.headers, payload: { title: 'Discussion', body: 'Texte' } });
    expect((await app.inject({ method: 'GET', url: `/api/posts/${plain.json().id}/event`, headers: outsider.headers })).json().code).toBe('EVENT_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: `/api/events/${plain.json().id}.ics` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/events/abc.ics' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/communities/inconnue/agenda.ics' })).statusCode).toBe(404);

    const list = (query: string) => app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events?${query}` });
    const month = (query: string) => app.inject({ method: 'GET', url: `/api/communities/${community.slug}/events/month?${query}` });
    expect((await month('from=2027-01-01&to=2027-12-31')).statusCode).toBe(400);
    expect((await month('from=2027-03-31&to=2027-03-01')).statusCode).toBe(400);
    expect((await month('from=2027-02-30&to=2027-03-10')).json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { from: 'Date invalide.' } });
    expect((await month('from=2027-03-01')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/communities/inconnue/events/month?from=2027-03-01&to=2027-03-31' })).statusCode).toBe(404);
    expect((await list('when=demain')).statusCode).toBe(400);
    expect((await list('cursor=nimportequoi')).json().code).toBe('INVALID_CURSOR');
    expect((await app.inject({ method: 'GET', url: '/api/communities/inconnue/events' })).statusCode).toBe(404);
  });
});

describe('agenda rate limit', async () => {
  const { app } = await useTestApp({ rateLimitFactor: 1 });

  it('limits how many events one person adds per hour', async () => {
    const community = await createCommunity(app);
    const animator = await memberOf(app, community.id, 'animator');
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/events`, headers: animator.headers, payload: atelier });
      last = res.statusCode;
    }
    expect(last).toBe(429);
  });
});
